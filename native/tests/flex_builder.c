/* flex_builder.c - flex_builder.h. Layout: the keys (NUL-terminated), the
 * keys vector (length, then offsets back to each key), the map (offset back
 * to the keys vector, its width, length, values, one type byte per value),
 * then the root: offset back to the map, its type byte, its width. */
#include "flex_builder.h"

#include <string.h>

#include "tflm/flexbuffer.h"

#define WIDTH 8
#define WIDTH_CODE 3 /* log2 of 8 bytes */

void flex_begin(flex_builder *b)
{
    memset(b, 0, sizeof *b);
}

static void add(flex_builder *b, const char *key, uint64_t bits, uint8_t type)
{
    b->keys[b->count] = key;
    b->bits[b->count] = bits;
    b->types[b->count] = type;
    b->count++;
}

void flex_int(flex_builder *b, const char *key, int64_t value)
{
    add(b, key, (uint64_t)value, TFLM_FLEX_INT);
}

void flex_bool(flex_builder *b, const char *key, bool value)
{
    add(b, key, value, TFLM_FLEX_BOOL);
}

void flex_float(flex_builder *b, const char *key, double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    add(b, key, bits, TFLM_FLEX_FLOAT);
}

static size_t put(uint8_t *at, uint64_t value)
{
    for (int i = 0; i < WIDTH; i++) {
        at[i] = (uint8_t)(value >> (8 * i));
    }
    return WIDTH;
}

size_t flex_end(flex_builder *b)
{
    for (int i = 1; i < b->count; i++) { /* insertion sort by key */
        for (int j = i; j > 0 && strcmp(b->keys[j - 1], b->keys[j]) > 0; j--) {
            const char *k = b->keys[j];
            uint64_t v = b->bits[j];
            uint8_t t = b->types[j];
            b->keys[j] = b->keys[j - 1], b->bits[j] = b->bits[j - 1], b->types[j] = b->types[j - 1];
            b->keys[j - 1] = k, b->bits[j - 1] = v, b->types[j - 1] = t;
        }
    }
    size_t at = 0, key_at[FLEX_BUILDER_MAX_KEYS];
    for (int i = 0; i < b->count; i++) {
        key_at[i] = at;
        const size_t length = strlen(b->keys[i]) + 1;
        memcpy(b->buf + at, b->keys[i], length);
        at += length;
    }
    at += put(b->buf + at, (uint64_t)b->count);
    const size_t keys_vector = at;
    for (int i = 0; i < b->count; i++) {
        at += put(b->buf + at, at - key_at[i]);
    }
    at += put(b->buf + at, at - keys_vector);
    at += put(b->buf + at, WIDTH);
    at += put(b->buf + at, (uint64_t)b->count);
    const size_t map = at;
    for (int i = 0; i < b->count; i++) {
        at += put(b->buf + at, b->bits[i]);
    }
    for (int i = 0; i < b->count; i++) {
        b->buf[at++] = (uint8_t)(b->types[i] << 2 | WIDTH_CODE);
    }
    at += put(b->buf + at, at - map);
    b->buf[at++] = (uint8_t)(TFLM_FLEX_MAP << 2 | WIDTH_CODE);
    b->buf[at++] = WIDTH;
    return at;
}
