# cmake -DFIRMWARE=<elf|exe> [-DQEMU=<machine args, '|'-separated>]
#       [-DHOST=<host build of the same example>] [-DGOLDEN=<golden output file>]
#       [-DARENA_AT_MOST=<bytes> -DARENA_PEER=<what the limit is>]
#       [-DTIMEOUT=<seconds>] -P run_firmware.cmake
#
# Runs a firmware example: under qemu-system-arm (semihosting, -icount
# shift=0 so timings are deterministic instruction counts) when QEMU is
# given, else as a host program. It must exit with 0. With HOST, every line
# not starting with '#' must equal the host program's output byte for byte
# ('#' lines carry times and arena bytes, which differ by design). With
# GOLDEN, every integer "output ..." line of that golden file must appear.
# With ARENA_AT_MOST, the first "# arena N of" line's N may not exceed it.
if(NOT DEFINED TIMEOUT)
  set(TIMEOUT 300)
endif()

if(QEMU)
  string(REPLACE "|" ";" machine "${QEMU}")
  # Semihosting output goes to stdout through a chardev (by default QEMU
  # writes it to stderr).
  set(command qemu-system-arm ${machine} -display none -monitor none -serial null
      -chardev stdio,id=semihosting -semihosting-config enable=on,target=native,chardev=semihosting
      -icount shift=0 -kernel ${FIRMWARE})
else()
  set(command ${FIRMWARE})
endif()

execute_process(COMMAND ${command} OUTPUT_VARIABLE output ERROR_VARIABLE errors
                RESULT_VARIABLE status TIMEOUT ${TIMEOUT})
message("${output}${errors}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${FIRMWARE} failed: ${status}")
endif()

function(strip_measurements text out_var)
  string(REGEX REPLACE "\n#[^\n]*" "" text "\n${text}")
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

if(HOST)
  execute_process(COMMAND ${HOST} OUTPUT_VARIABLE expected RESULT_VARIABLE status TIMEOUT ${TIMEOUT})
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "host reference ${HOST} failed: ${status}")
  endif()
  strip_measurements("${output}" got)
  strip_measurements("${expected}" want)
  if(NOT got STREQUAL want)
    message(FATAL_ERROR "output differs from the host's.\nhost:${want}\nboard:${got}")
  endif()
  message("same output as the host")
endif()

if(ARENA_AT_MOST)
  if(NOT output MATCHES "# arena ([0-9]+) of")
    message(FATAL_ERROR "no \"# arena\" line to compare with ${ARENA_AT_MOST} bytes")
  endif()
  if(CMAKE_MATCH_1 GREATER ARENA_AT_MOST)
    message(FATAL_ERROR "arena ${CMAKE_MATCH_1} bytes, more than ${ARENA_AT_MOST} (${ARENA_PEER})")
  endif()
  message("arena ${CMAKE_MATCH_1} bytes, at most ${ARENA_AT_MOST} (${ARENA_PEER})")
endif()

if(GOLDEN)
  file(STRINGS ${GOLDEN} golden_lines REGEX "^output [0-9]+ (INT8|UINT8|INT16|INT32) ")
  foreach(line IN LISTS golden_lines)
    string(FIND "${output}" "${line}\n" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "output differs from TFLM's golden output:\n${line}")
    endif()
  endforeach()
  list(LENGTH golden_lines count)
  message("${count} integer outputs equal TFLM's golden outputs")
endif()
