# cmake -DSIZE=<arm-none-eabi-size> -DBASELINE=<elf> -DFRAMEWORK=<elf>
#       -DMICRO_SPEECH=<elf> -DOUT=<json> -P size_report.cmake
#
# Text bytes (arm-none-eabi-size's Berkeley "text": code, read-only data,
# vector table) of each firmware minus its .tflm_models section (model
# arrays are data, reported as model_bytes), then writes and prints
#   {"baseline_text": a, "framework_text": b - a,
#    "micro_speech_text": c - a, "model_bytes": <models of c>}
function(elf_sizes elf text_var models_var)
  execute_process(COMMAND ${SIZE} -B ${elf} OUTPUT_VARIABLE berkeley COMMAND_ERROR_IS_FATAL ANY)
  string(REGEX MATCH "\n[ \t]*([0-9]+)" _ "${berkeley}")
  set(text ${CMAKE_MATCH_1})
  execute_process(COMMAND ${SIZE} -A ${elf} OUTPUT_VARIABLE sections COMMAND_ERROR_IS_FATAL ANY)
  set(models 0)
  if(sections MATCHES "\n\\.tflm_models[ \t]+([0-9]+)")
    set(models ${CMAKE_MATCH_1})
  endif()
  math(EXPR text "${text} - ${models}")
  set(${text_var} ${text} PARENT_SCOPE)
  set(${models_var} ${models} PARENT_SCOPE)
endfunction()

elf_sizes(${BASELINE} a a_models)
elf_sizes(${FRAMEWORK} b b_models)
elf_sizes(${MICRO_SPEECH} c c_models)
math(EXPR framework "${b} - ${a}")
math(EXPR micro_speech "${c} - ${a}")

set(json "{
  \"baseline_text\": ${a},
  \"framework_text\": ${framework},
  \"micro_speech_text\": ${micro_speech},
  \"model_bytes\": ${c_models}
}
")
file(WRITE ${OUT} "${json}")
message("code size (Cortex-M3, -Os, gc-sections; model arrays excluded), ${OUT}:\n${json}"
        "benchmarks: framework <= 6144 bytes, framework + micro_speech kernels <= 12288 bytes")
