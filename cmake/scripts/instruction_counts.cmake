# cmake -P cmake/scripts/instruction_counts.cmake
#
# Instructions per inference of every shared model on every QEMU board: builds
# each board's preset (build/<board>) when needed, runs its benchmark
# firmwares under `qemu-system-arm -icount shift=0` (one instruction = 1 ns of
# virtual time, so the "# invoke ... ns" lines are instruction counts, to one
# SysTick tick: 40 instructions at 25 MHz), and writes
# benchmarks/instruction-counts/cortex-m.json and cortex-m.md: the default
# kernels (the core's Arm variants, native/src/kernels/arm/, where it has the
# features) against the reference kernels, the baseline, and the arena
# bytes each model needs with the default kernels ("# arena" lines).
get_filename_component(root ${CMAKE_CURRENT_LIST_DIR}/../.. ABSOLUTE)
set(out_dir ${root}/benchmarks/instruction-counts)

# TFLM's reference kernels on Cortex-M3, instructions per inference (issue 3).
set(tflm_micro_speech_quantized 17800000)
set(tflm_kws_ref_model 134000000)
set(tflm_person_detect 354000000)
set(tflm_vww_96_int8 370000000)
set(tflm_pretrainedResnet_quant 539000000)

# The peers of the default kernels, from ../shared/anchors.md: TFLM with
# CMSIS-NN on Cortex-M4 (instructions, measured the same way), and the best
# published MLPerf Tiny result (cycles on real silicon, STM32L4R5 at 120 MHz).
set(cmsis_micro_speech_quantized 2240000)
set(cmsis_keyword_scrambled 152000)
set(cmsis_person_detect 26400000)
set(cmsis_ad01_int8 776000)
set(cmsis_pretrainedResnet_quant 41000000)
set(cmsis_kws_ref_model 9010000)
set(cmsis_vww_96_int8 27900000)
set(mlperf_ad01_int8 490000)
set(mlperf_pretrainedResnet_quant 19800000)
set(mlperf_kws_ref_model 5200000)
set(mlperf_vww_96_int8 10700000)

# TFLM's arena_used_bytes on Cortex-M3 (reference kernels), from the same file.
set(tflm_arena_hello_world_int8 676)
set(tflm_arena_micro_speech_quantized 6788)
set(tflm_arena_keyword_scrambled 13172)
set(tflm_arena_person_detect 82292)
set(tflm_arena_ad01_int8 2260)
set(tflm_arena_pretrainedResnet_quant 54340)
set(tflm_arena_kws_ref_model 22772)
set(tflm_arena_vww_96_int8 100660)

file(GLOB board_files ${root}/board-ports/*/board.cmake)
set(boards)
foreach(file IN LISTS board_files)
  set(TFLM_BOARD_QEMU)
  include(${file})
  if(TFLM_BOARD_QEMU)
    get_filename_component(dir ${file} DIRECTORY)
    get_filename_component(board ${dir} NAME)
    list(APPEND boards ${board})
    set(qemu_${board} ${TFLM_BOARD_QEMU})
    set(cpu_${board} ${TFLM_BOARD_CPU})
  endif()
endforeach()

# The largest models (by instructions) also get a table per operator.
set(profiled_models pretrainedResnet_quant vww_96_int8)

set(models)
set(json "{\n  \"method\": \"benchmark firmware (examples/firmware/benchmark), golden LCG input, one invoke, qemu-system-arm -icount shift=0; instructions = SysTick ticks * 1e9 / core Hz\",\n  \"tflm_reference_cortex_m3\": {\"micro_speech_quantized\": 17800000, \"kws_ref_model\": 134000000, \"person_detect\": 354000000, \"vww_96_int8\": 370000000, \"pretrainedResnet_quant\": 539000000},\n  \"boards\": {")
set(first_board TRUE)
foreach(board IN LISTS boards)
  set(build ${root}/build/${board})
  if(NOT EXISTS ${build}/CMakeCache.txt)
    execute_process(COMMAND ${CMAKE_COMMAND} --preset ${board} WORKING_DIRECTORY ${root}
                    COMMAND_ERROR_IS_FATAL ANY OUTPUT_QUIET)
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build --preset ${board} WORKING_DIRECTORY ${root}
                  COMMAND_ERROR_IS_FATAL ANY OUTPUT_QUIET)
  file(GLOB elfs ${build}/examples/firmware/benchmark_*.elf)
  if(NOT first_board)
    string(APPEND json ",")
  endif()
  set(first_board FALSE)
  set(default_json "")
  set(reference_json "")
  set(arena_json "")
  set(operator_json "")
  foreach(elf IN LISTS elfs)
    get_filename_component(name ${elf} NAME_WE)
    string(REPLACE "benchmark_" "" model ${name})
    execute_process(
      COMMAND qemu-system-arm ${qemu_${board}} -display none -monitor none -serial null
              -chardev stdio,id=semihosting
              -semihosting-config enable=on,target=native,chardev=semihosting
              -icount shift=0 -kernel ${elf}
      OUTPUT_VARIABLE output RESULT_VARIABLE status TIMEOUT 600)
    if(NOT status EQUAL 0 OR NOT output MATCHES "\n# invoke [0-9]+ ticks at [0-9]+ Hz = ([0-9]+) ns")
      message(FATAL_ERROR "${board} ${model}: ${status}\n${output}")
    endif()
    set(count_${board}_${model} ${CMAKE_MATCH_1})
    if(NOT output MATCHES "\n# reference invoke [0-9]+ ticks at [0-9]+ Hz = ([0-9]+) ns")
      message(FATAL_ERROR "${board} ${model}: no reference invoke\n${output}")
    endif()
    set(reference_${board}_${model} ${CMAKE_MATCH_1})
    if(NOT output MATCHES "\n# arena ([0-9]+) of")
      message(FATAL_ERROR "${board} ${model}: no arena line\n${output}")
    endif()
    set(arena_${board}_${model} ${CMAKE_MATCH_1})
    list(FIND profiled_models ${model} profiled)
    if(profiled GREATER -1)
      # "# operator <index> <name> <ticks> ticks at <hz> Hz = <ns> ns": each
      # operator run alone after the invoke, on the same data.
      string(REGEX MATCHALL "# operator [0-9]+ [A-Z0-9_]+ [0-9]+ ticks at [0-9]+ Hz = [0-9]+ ns"
             lines "${output}")
      set(counts)
      foreach(line IN LISTS lines)
        string(REGEX MATCH "# operator ([0-9]+) ([A-Z0-9_]+) .* = ([0-9]+) ns" _ "${line}")
        set(opname_${model}_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
        set(op_${board}_${model}_${CMAKE_MATCH_1} ${CMAKE_MATCH_3})
        list(APPEND counts ${CMAKE_MATCH_3})
      endforeach()
      list(LENGTH lines operators_${model})
      list(JOIN counts ", " counts)
      list(APPEND operator_json "\"${model}\": [${counts}]")
    endif()
    list(APPEND models ${model})
    list(APPEND default_json "\"${model}\": ${count_${board}_${model}}")
    list(APPEND reference_json "\"${model}\": ${reference_${board}_${model}}")
    list(APPEND arena_json "\"${model}\": ${arena_${board}_${model}}")
    message(STATUS "${board} ${model}: ${count_${board}_${model}} instructions, "
                   "${reference_${board}_${model}} with the reference kernels")
  endforeach()
  list(JOIN default_json ", " default_json)
  list(JOIN reference_json ", " reference_json)
  list(JOIN arena_json ", " arena_json)
  list(JOIN operator_json ", " operator_json)
  string(APPEND json "\n    \"${board}\": {\"cpu\": \"${cpu_${board}}\", "
         "\"instructions\": { ${default_json} }, \"reference_instructions\": { ${reference_json} }, "
         "\"arena_bytes\": { ${arena_json} }, \"operator_instructions\": { ${operator_json} }}")
endforeach()
string(APPEND json "\n  }\n}\n")
file(WRITE ${out_dir}/cortex-m.json "${json}")

# The same as tables: the default kernels, then the reference kernels with
# TFLM's Cortex-M3 figure last.
list(REMOVE_DUPLICATES models)
list(SORT models)
set(header "| model |")
set(rule "|---|")
foreach(board IN LISTS boards)
  string(APPEND header " ${board} (${cpu_${board}}) |")
  string(APPEND rule "---:|")
endforeach()
# table(<prefix> <title> <md> [<peer prefix> <peer heading>]...): the
# figures <prefix>_<board>_<model> as a table under <title>, then a column
# per peer (<peer prefix>_<model>), appended to <md>.
function(table prefix title md_var)
  set(md "${${md_var}}## ${title}\n\n${header}")
  set(peers)
  set(peer_rule "")
  set(args ${ARGN})
  while(args)
    list(POP_FRONT args peer heading)
    list(APPEND peers ${peer})
    string(APPEND md " ${heading} |")
    string(APPEND peer_rule "---:|")
  endwhile()
  string(APPEND md "\n${rule}${peer_rule}\n")
  foreach(model IN LISTS models)
    string(APPEND md "| ${model} |")
    foreach(board IN LISTS boards)
      if(DEFINED ${prefix}_${board}_${model})
        string(APPEND md " ${${prefix}_${board}_${model}} |")
      else()
        string(APPEND md " — |")
      endif()
    endforeach()
    foreach(peer IN LISTS peers)
      if(DEFINED ${peer}_${model})
        string(APPEND md " ${${peer}_${model}} |")
      else()
        string(APPEND md " |")
      endif()
    endforeach()
    string(APPEND md "\n")
  endforeach()
  set(${md_var} "${md}\n" PARENT_SCOPE)
endfunction()

set(md "# Instructions per inference on Cortex-M (QEMU, -icount shift=0)\n\n")
string(APPEND md "Written by `cmake -P cmake/scripts/instruction_counts.cmake`; do not edit.\n")
string(APPEND md "Golden LCG input, one invoke, Release (-O3) builds.\n")
string(APPEND md "Instructions per invoke (resolution: one SysTick tick, 31-62 instructions; \"—\": does not fit the board).\n\n")
string(APPEND md "Instructions are not cycles. QEMU counts every instruction as one, where a Cortex-M4 ")
string(APPEND md "takes one to several cycles (loads, multiplies, branches); the MLPerf Tiny column is ")
string(APPEND md "cycles measured on real silicon (STM32L4R5, Cortex-M4 at 120 MHz), so it compares only ")
string(APPEND md "roughly. TFLM + CMSIS-NN is counted here the same way as this runtime (../shared/anchors.md).\n\n")
table(count "Default kernels: the core's Arm variants (native/src/kernels/arm/) where it has the features, else the reference" md
      cmsis "TFLM + CMSIS-NN, Cortex-M4" mlperf "MLPerf Tiny best, cycles")
table(reference "Reference kernels" md tflm "TFLM reference, Cortex-M3")
table(arena "Arena bytes, default kernels (tflm_interpreter_arena_used; a Cortex-M3 runs the reference kernels)" md
      tflm_arena "TFLM, Cortex-M3")
foreach(model IN LISTS profiled_models)
  if(NOT DEFINED operators_${model})
    continue()
  endif()
  string(APPEND md "## Per operator, ${model}, default kernels\n\n")
  string(APPEND md "Each operator run alone (tflm_interpreter_invoke_operator) after the invoke, on the same data.\n\n")
  string(APPEND md "| # | operator |")
  set(op_rule "|---:|---|")
  foreach(board IN LISTS boards)
    string(APPEND md " ${board} |")
    string(APPEND op_rule "---:|")
  endforeach()
  string(APPEND md "\n${op_rule}\n")
  math(EXPR last "${operators_${model}} - 1")
  foreach(i RANGE ${last})
    string(APPEND md "| ${i} | ${opname_${model}_${i}} |")
    foreach(board IN LISTS boards)
      if(DEFINED op_${board}_${model}_${i})
        string(APPEND md " ${op_${board}_${model}_${i}} |")
      else()
        string(APPEND md " — |")
      endif()
    endforeach()
    string(APPEND md "\n")
  endforeach()
  string(APPEND md "\n")
endforeach()
file(WRITE ${out_dir}/cortex-m.md "${md}")
message("${md}")
