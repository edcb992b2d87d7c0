/* flex_builder.h - writes FlexBuffers maps of scalars, the custom options
 * of TFLM's signal ops, for tests: every value and offset 8 bytes wide
 * (the format's widest), keys sorted as FlexBuffers requires.
 *
 *     flex_builder b;
 *     flex_begin(&b);
 *     flex_int(&b, "shift", 12);
 *     harness_custom_options(&ctx, b.buf, flex_end(&b));
 */
#ifndef TFLM_TEST_FLEX_BUILDER_H
#define TFLM_TEST_FLEX_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FLEX_BUILDER_MAX_KEYS 16

typedef struct flex_builder {
    uint8_t buf[1024];
    const char *keys[FLEX_BUILDER_MAX_KEYS];
    uint64_t bits[FLEX_BUILDER_MAX_KEYS]; /* the value's 8 bytes */
    uint8_t types[FLEX_BUILDER_MAX_KEYS]; /* tflm_flex_type */
    int count;
} flex_builder;

void flex_begin(flex_builder *b);
void flex_int(flex_builder *b, const char *key, int64_t value);
void flex_bool(flex_builder *b, const char *key, bool value);
void flex_float(flex_builder *b, const char *key, double value);
/* Writes the map into b->buf; returns its size. */
size_t flex_end(flex_builder *b);

#endif
