/*
 * flatbuffer.h - reads a flatbuffer that has already been verified
 * (flatbuffer_verifier.h): little-endian loads through memcpy, so no load
 * depends on the alignment of the model, and table/vector navigation that
 * trusts the offsets because the verifier checked each one it follows.
 *
 * Positions are byte offsets from the start of the buffer (uint32_t: the
 * verifier rejects buffers of 4 GiB and more). Position 0 never holds a
 * table, a vector or a field (the root offset lives there), so 0 means
 * "absent" everywhere below.
 */
#ifndef TFLM_CORE_FLATBUFFER_H
#define TFLM_CORE_FLATBUFFER_H

#include <stdint.h>

static inline uint8_t fb_u8(const uint8_t *buf, uint32_t pos) { return buf[pos]; }

/* On a little-endian target a load is a memcpy, which GCC and Clang turn
 * into one load where the core reads unaligned words (the builtin, as the
 * freestanding build does not treat memcpy as one): on Cortex-M3 two bytes
 * per load instead of about sixteen for assembling bytes, at each of the
 * hundreds of inlined uses. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
static inline uint16_t fb_u16(const uint8_t *buf, uint32_t pos)
{
    uint16_t value;
    __builtin_memcpy(&value, buf + pos, sizeof value);
    return value;
}

static inline uint32_t fb_u32(const uint8_t *buf, uint32_t pos)
{
    uint32_t value;
    __builtin_memcpy(&value, buf + pos, sizeof value);
    return value;
}
#else
static inline uint16_t fb_u16(const uint8_t *buf, uint32_t pos)
{
    return (uint16_t)(buf[pos] | (buf[pos + 1] << 8));
}

static inline uint32_t fb_u32(const uint8_t *buf, uint32_t pos)
{
    return (uint32_t)buf[pos] | ((uint32_t)buf[pos + 1] << 8) |
           ((uint32_t)buf[pos + 2] << 16) | ((uint32_t)buf[pos + 3] << 24);
}
#endif

static inline int32_t fb_i32(const uint8_t *buf, uint32_t pos)
{
    uint32_t u = fb_u32(buf, pos);
    int32_t value;
    __builtin_memcpy(&value, &u, sizeof value); /* see fb_u32 */
    return value;
}

static inline uint64_t fb_u64(const uint8_t *buf, uint32_t pos)
{
    return (uint64_t)fb_u32(buf, pos) | ((uint64_t)fb_u32(buf, pos + 4) << 32);
}

/* Position of the vtable of the table at pos (a table starts with a signed
 * offset back to its vtable). */
static inline uint32_t fb_vtable(const uint8_t *buf, uint32_t table)
{
    return (uint32_t)((int64_t)table - fb_i32(buf, table));
}

/* The navigation below is out of line (flatbuffer.c): inlined at each of
 * its hundred uses it cost a Cortex-M build about 1 KB more, and it only
 * runs while creating an interpreter or preparing a kernel. */

/* Position of field number field of a table, 0 when the field is absent. */
uint32_t fb_field(const uint8_t *buf, uint32_t table, unsigned field);

/* Follows the unsigned offset stored at pos (0 stays 0: absent field). */
uint32_t fb_deref(const uint8_t *buf, uint32_t pos);

/* Scalar fields, 0 when absent: the schema default of every scalar the
 * runtime reads (TensorType FLOAT32 is 0 too). */
uint32_t fb_field_u32(const uint8_t *buf, uint32_t table, unsigned field);
int32_t fb_field_i32(const uint8_t *buf, uint32_t table, unsigned field);
uint8_t fb_field_u8(const uint8_t *buf, uint32_t table, unsigned field);

/* The vector (or string) a field refers to: the position of its length
 * word, 0 when absent. Its elements start 4 bytes later. */
uint32_t fb_field_vector(const uint8_t *buf, uint32_t table, unsigned field);

/* Length of a vector, 0 for an absent one (inline: smaller than a call). */
static inline uint32_t fb_vector_length(const uint8_t *buf, uint32_t vector)
{
    return vector ? fb_u32(buf, vector) : 0;
}

/* The i-th table of a vector of tables. */
uint32_t fb_vector_table(const uint8_t *buf, uint32_t vector, uint32_t i);

/* The table a field refers to, 0 when absent. */
uint32_t fb_field_table(const uint8_t *buf, uint32_t table, unsigned field);

#endif /* TFLM_CORE_FLATBUFFER_H */
