# Included by the root CMakeLists.txt before project(): reads
# board-ports/<TFLM_BOARD>/board.cmake and, for a Cortex-M board, selects the
# toolchain file of its core (cmake/toolchains/<TFLM_BOARD_CPU>.cmake) unless
# CMAKE_TOOLCHAIN_FILE is already set.
#
# A board.cmake holds data only:
#   TFLM_BOARD_CPU         core: a file name under cmake/toolchains/, or "host"
#   TFLM_BOARD_CPU_HZ      core clock after reset (the SysTick timer's rate)
#   TFLM_BOARD_SOURCES     its sources, relative to its folder (../common/...)
#   TFLM_BOARD_QEMU        qemu-system-arm machine arguments; empty: build only
#   TFLM_BOARD_EXAMPLES    the firmware examples that fit the board
#   TFLM_BOARD_BENCHMARKS  the shared models the benchmark firmware runs on
#                          it (ALL: every model of examples/firmware)
# Its linker script is memory.ld (the FLASH and RAM regions, real sizes).
if(NOT TFLM_BOARD)
  return()
endif()
set(TFLM_BOARD_DIR ${CMAKE_CURRENT_LIST_DIR}/../board-ports/${TFLM_BOARD})
get_filename_component(TFLM_BOARD_DIR ${TFLM_BOARD_DIR} ABSOLUTE)
if(NOT EXISTS ${TFLM_BOARD_DIR}/board.cmake)
  file(GLOB known RELATIVE ${CMAKE_CURRENT_LIST_DIR}/../board-ports
       ${CMAKE_CURRENT_LIST_DIR}/../board-ports/*/board.cmake)
  string(REPLACE "/board.cmake" "" known "${known}")
  message(FATAL_ERROR "TFLM_BOARD=${TFLM_BOARD}: no board-ports/${TFLM_BOARD}/board.cmake "
                      "(boards: ${known})")
endif()
include(${TFLM_BOARD_DIR}/board.cmake)
if(NOT TFLM_BOARD_CPU STREQUAL "host" AND NOT CMAKE_TOOLCHAIN_FILE)
  set(CMAKE_TOOLCHAIN_FILE ${CMAKE_CURRENT_LIST_DIR}/toolchains/${TFLM_BOARD_CPU}.cmake)
endif()
