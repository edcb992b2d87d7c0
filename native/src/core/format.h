/*
 * format.h - the runtime's only text formatter: a few printf conversions
 * into a fixed buffer, so no libc printf is linked into firmware.
 *
 * Conversions: %s (NUL-terminated string), %.*s (int length, then chars;
 * control characters of both print as '?', so a message is one line),
 * %d (int), %u (unsigned), %z or %zu (size_t), %%. Output that does not fit
 * is cut; the buffer is always NUL-terminated.
 */
#ifndef TFLM_CORE_FORMAT_H
#define TFLM_CORE_FORMAT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Writes the formatted text at out[at...] (appending to what is already
 * there) and returns the new length. at must be < capacity. */
size_t tflm_vformat(char *out, size_t capacity, size_t at, const char *format, va_list args);
size_t tflm_format(char *out, size_t capacity, size_t at, const char *format, ...);

/* Starts an error message (TFLM_ERROR_MESSAGE_CAPACITY bytes) about
 * subgraph: "subgraph N " when N > 0 (subgraph 0 is the model's main
 * graph, named by nothing), then the formatted text; returns the length.
 * The one place that prefix is written for every message of the runtime. */
size_t tflm_message_start(char *message, uint32_t subgraph, const char *format, ...);

#endif /* TFLM_CORE_FORMAT_H */
