# cmake -DSIZE=<arm-none-eabi-size> -DNM=<arm-none-eabi-nm> -DBASELINE=<elf>
#       -DFRAMEWORK=<elf> -DMICRO_SPEECH=<elf> -DOUT=<json> -DSYMBOLS=<txt>
#       -P size_report.cmake
#
# Text bytes (arm-none-eabi-size's Berkeley "text": code, read-only data,
# vector table) of each firmware minus its .tflm_models section (model
# arrays are data, reported as model_bytes), then writes and prints
#   {"baseline_text": a, "framework_text": b - a,
#    "micro_speech_text": c - a, "model_bytes": <models of c>}
# and, so the next change sees where the bytes are, the largest flash
# symbols of (b) and (c) (arm-none-eabi-nm --size-sort, model arrays left
# out) to SYMBOLS, printing the top of each.
function(elf_sizes elf text_var models_var)
  execute_process(COMMAND ${SIZE} -B ${elf} OUTPUT_VARIABLE berkeley COMMAND_ERROR_IS_FATAL ANY)
  string(REGEX MATCH "\n[ \t]*([0-9]+)" _ "${berkeley}")
  set(text ${CMAKE_MATCH_1})
  execute_process(COMMAND ${SIZE} -A ${elf} OUTPUT_VARIABLE sections COMMAND_ERROR_IS_FATAL ANY)
  set(models 0)
  set(models_at 0)
  if(sections MATCHES "\n\\.tflm_models[ \t]+([0-9]+)[ \t]+([0-9]+)")
    set(models ${CMAKE_MATCH_1})
    set(models_at ${CMAKE_MATCH_2})
  endif()
  set(${models_var}_at ${models_at} PARENT_SCOPE)
  math(EXPR text "${text} - ${models}")
  set(${text_var} ${text} PARENT_SCOPE)
  set(${models_var} ${models} PARENT_SCOPE)
endfunction()

# Appends the largest flash symbols of elf (outside the model arrays at
# [models_at, models_at + models)) to the text `report`, the first `shown`
# of them also to `top`.
function(largest_symbols title elf models_at models report_var top_var)
  execute_process(COMMAND ${NM} --size-sort --reverse-sort -S -t d ${elf}
                  OUTPUT_VARIABLE listing COMMAND_ERROR_IS_FATAL ANY)
  string(REPLACE "\n" ";" lines "${listing}")
  set(report "${${report_var}}${title}\n")
  set(top "${${top_var}}${title}\n")
  set(n 0)
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^0*([0-9]+) 0*([0-9]+) [TtRr] (.+)$")
      continue() # RAM (bss, data) and absolute symbols
    endif()
    set(at ${CMAKE_MATCH_1})
    set(bytes ${CMAKE_MATCH_2})
    set(name ${CMAKE_MATCH_3})
    math(EXPR models_end "${models_at} + ${models}")
    if(at GREATER_EQUAL models_at AND at LESS models_end)
      continue()
    endif()
    string(LENGTH "${bytes}" width)
    string(SUBSTRING "      " ${width} -1 pad)
    string(APPEND report "${pad}${bytes}  ${name}\n")
    if(n LESS 12)
      string(APPEND top "${pad}${bytes}  ${name}\n")
    endif()
    math(EXPR n "${n} + 1")
    if(n EQUAL 60)
      break()
    endif()
  endforeach()
  set(${report_var} "${report}\n" PARENT_SCOPE)
  set(${top_var} "${top}" PARENT_SCOPE)
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

set(symbols "")
set(top "")
largest_symbols("(b) framework, largest flash symbols (bytes):" ${FRAMEWORK} ${b_models_at}
                ${b_models} symbols top)
largest_symbols("(c) micro_speech, largest flash symbols (bytes):" ${MICRO_SPEECH} ${c_models_at}
                ${c_models} symbols top)
file(WRITE ${SYMBOLS} "${symbols}")
message("code size (Cortex-M3, -Os, gc-sections; model arrays excluded), ${OUT}:\n${json}"
        "benchmarks: framework <= 6144 bytes, framework + micro_speech kernels <= 12288 bytes\n"
        "${top}(all: ${SYMBOLS})")
