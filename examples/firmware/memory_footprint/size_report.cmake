# The code size report (TFLM_SIZE_REPORT), measured the way TFLM's
# examples/memory_footprint measures it: the text of three firmwares,
#   (a) footprint_baseline     starts, logs one line, ends;
#   (b) footprint_interpreter  the interpreter over micro_speech's model,
#                              no kernels registered;
#   (c) micro_speech           the example, with exactly its four kernels;
# as framework = b - a and micro_speech = c - a, model arrays left out
# (reported as model_bytes). Written to <build>/size-report.json, with the
# largest symbols in <build>/size-symbols.txt, and printed by the
# size_report target, part of the default build.
if(NOT CMAKE_CROSSCOMPILING OR NOT micro_speech IN_LIST TFLM_BOARD_EXAMPLES)
  message(FATAL_ERROR "TFLM_SIZE_REPORT needs a Cortex-M board that builds micro_speech")
endif()

tflm_add_firmware(footprint_baseline ARENA 16 SOURCES memory_footprint/baseline.c)
tflm_add_firmware(footprint_interpreter ARENA ${arena_micro_speech_quantized}
                  SOURCES memory_footprint/interpreter.c)
tflm_add_model_array(footprint_interpreter model_data ${models}/micro_speech_quantized.tflite)

add_custom_target(size_report ALL
  COMMAND ${CMAKE_COMMAND} -DSIZE=${CMAKE_SIZE} -DNM=${CMAKE_NM}
          -DBASELINE=$<TARGET_FILE:footprint_baseline>
          -DFRAMEWORK=$<TARGET_FILE:footprint_interpreter>
          -DMICRO_SPEECH=$<TARGET_FILE:micro_speech>
          -DOUT=${CMAKE_BINARY_DIR}/size-report.json
          -DSYMBOLS=${CMAKE_BINARY_DIR}/size-symbols.txt
          -P ${PROJECT_SOURCE_DIR}/cmake/scripts/size_report.cmake
  DEPENDS footprint_baseline footprint_interpreter micro_speech
  VERBATIM)
