# cmake -DIN=<file> -DNAME=<symbol> -DOUT=<file.c> -P bin2c.cmake
# Writes <file>'s bytes as `const uint8_t <symbol>[]` (16-byte aligned, in
# section .tflm_model.<symbol> on ELF) and `const size_t <symbol>_size`.
# Used by tflm_add_model_array (cmake/TflmModelArray.cmake).
foreach(var IN ITEMS IN NAME OUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "bin2c.cmake: -D${var}= is required")
  endif()
endforeach()

file(SIZE "${IN}" size)
file(READ "${IN}" hex HEX)
# Sixteen bytes per line, then every byte as 0xNN.
string(REGEX REPLACE "(................................)" "\\1\n" hex "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")

file(WRITE "${OUT}.tmp" "/* Generated from ${IN} by bin2c.cmake: do not edit. */
#include <stddef.h>
#include <stdint.h>

/* AVR: const data is RAM, copied there with .data at start-up; a section of its own
 * would be left out of that copy. */
#if defined(__ELF__) && !defined(__AVR__)
#define TFLM_ARRAY_SECTION __attribute__((section(\".tflm_model.${NAME}\")))
#else
#define TFLM_ARRAY_SECTION
#endif

TFLM_ARRAY_SECTION __attribute__((aligned(16))) const uint8_t ${NAME}[${size}] = {
${body}
};
const size_t ${NAME}_size = ${size};
")
file(RENAME "${OUT}.tmp" "${OUT}")
