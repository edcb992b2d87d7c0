/*
 * fw_print.h - text output for the firmware examples through the board's
 * debug log, without printf: strings, integers, hex bytes, fixed-point
 * decimals. Lines starting with '#' carry measurements (time, arena bytes)
 * that differ between boards; the QEMU tests compare every other line with
 * the host's output byte for byte.
 */
#ifndef FW_PRINT_H
#define FW_PRINT_H

#include <stddef.h>
#include <stdint.h>

void fw_print(const char *text);
void fw_print_int(int64_t value);
void fw_print_uint(uint64_t value);
/* Lowercase hex, two digits per byte, no separators. */
void fw_print_hex(const void *bytes, size_t count);
/* value with three decimals, rounded half away from zero: "-0.707". */
void fw_print_milli(float value);

#endif /* FW_PRINT_H */
