/* The FlexBuffers reader (tflm/flexbuffer.h): the option maps TensorFlow
 * wrote for TFLM's signal ops in audio_preprocessor_int8 (bytes copied
 * from that model; 1- and 2-byte maps), hand-made vectors, strings and
 * floats, type mismatches, and every truncation and byte change of those
 * buffers read without a read outside them (run under TFLM_SANITIZE). */
#include <string.h>

#include "model_files.h" /* alloc_exact */
#include "test.h"
#include "tflm/flexbuffer.h"

/* SignalWindow: {shift: 12}. */
static const uint8_t WINDOW[] = {0x73, 0x68, 0x69, 0x66, 0x74, 0x00, 0x01, 0x07,
                                 0x01, 0x01, 0x01, 0x0c, 0x04, 0x02, 0x24, 0x01};
/* SignalEnergy: {end_index: 241, start_index: 5}, values 2 bytes wide. */
static const uint8_t ENERGY[] = {0x65, 0x6e, 0x64, 0x5f, 0x69, 0x6e, 0x64, 0x65, 0x78, 0x00, 0x73,
                                 0x74, 0x61, 0x72, 0x74, 0x5f, 0x69, 0x6e, 0x64, 0x65, 0x78, 0x00,
                                 0x02, 0x17, 0x0e, 0x00, 0x03, 0x00, 0x01, 0x00, 0x02, 0x00, 0xf1,
                                 0x00, 0x05, 0x00, 0x05, 0x05, 0x06, 0x25, 0x01};
/* [10, 20, 30] as a typed int vector; 1.5 as a float; "hi" as a string. */
static const uint8_t INTS[] = {0x03, 0x0a, 0x14, 0x1e, 0x03, 0x2c, 0x01};
static const uint8_t FLOAT[] = {0x00, 0x00, 0xc0, 0x3f, 0x0e, 0x04};
static const uint8_t STRING[] = {0x02, 0x68, 0x69, 0x00, 0x03, 0x14, 0x01};

static int64_t int_of(const uint8_t *buf, size_t size, const char *key)
{
    tflm_flex root, value;
    int64_t out = -999;
    CHECK_EQ_INT(TFLM_OK, tflm_flex_root(buf, size, &root));
    CHECK(tflm_flex_map_find(&root, key, &value));
    CHECK(tflm_flex_int(&value, &out));
    return out;
}

static void test_signal_options(void)
{
    CHECK_EQ_INT(12, (int)int_of(WINDOW, sizeof WINDOW, "shift"));
    CHECK_EQ_INT(241, (int)int_of(ENERGY, sizeof ENERGY, "end_index"));
    CHECK_EQ_INT(5, (int)int_of(ENERGY, sizeof ENERGY, "start_index"));

    tflm_flex root, value;
    CHECK_EQ_INT(TFLM_OK, tflm_flex_root(ENERGY, sizeof ENERGY, &root));
    CHECK_EQ_INT(TFLM_FLEX_MAP, root.type);
    CHECK_EQ_INT(2, (int)tflm_flex_length(&root));
    CHECK(!tflm_flex_map_find(&root, "end", &value));        /* a prefix of a key */
    CHECK(!tflm_flex_map_find(&root, "end_index_", &value)); /* longer than one */
    CHECK(tflm_flex_at(&root, 1, &value));                   /* values in key order */
    double d;
    bool b;
    CHECK(tflm_flex_float(&value, &d) && d == 5.0);
    CHECK(tflm_flex_bool(&value, &b) && b);
    CHECK(!tflm_flex_at(&root, 2, &value));
    int64_t i;
    CHECK(!tflm_flex_int(&root, &i)); /* a map is no number */
}

static void test_values(void)
{
    tflm_flex root, element;
    int64_t i;
    double d;
    CHECK_EQ_INT(TFLM_OK, tflm_flex_root(INTS, sizeof INTS, &root));
    CHECK_EQ_INT(3, (int)tflm_flex_length(&root));
    CHECK(tflm_flex_at(&root, 2, &element) && tflm_flex_int(&element, &i) && i == 30);
    CHECK(!tflm_flex_at(&root, 3, &element));
    CHECK(!tflm_flex_map_find(&root, "x", &element)); /* a vector is no map */

    CHECK_EQ_INT(TFLM_OK, tflm_flex_root(FLOAT, sizeof FLOAT, &root));
    CHECK(tflm_flex_float(&root, &d) && d == 1.5);
    CHECK(tflm_flex_int(&root, &i) && i == 1); /* truncated */
    CHECK_EQ_INT(0, (int)tflm_flex_length(&root));

    const char *chars;
    uint32_t length;
    CHECK_EQ_INT(TFLM_OK, tflm_flex_root(STRING, sizeof STRING, &root));
    CHECK(tflm_flex_string(&root, &chars, &length) && length == 2 && memcmp(chars, "hi", 2) == 0);
    CHECK(!tflm_flex_int(&root, &i));

    /* A trailer FlexBuffers never writes: width 3, type 50, too short. */
    CHECK_EQ_INT(TFLM_ERROR_MALFORMED_MODEL, tflm_flex_root((const uint8_t[]){0x0c, 0x04, 0x03}, 3, &root));
    CHECK_EQ_INT(TFLM_ERROR_MALFORMED_MODEL, tflm_flex_root((const uint8_t[]){0x0c, 0xc8, 0x01}, 3, &root));
    CHECK_EQ_INT(TFLM_ERROR_MALFORMED_MODEL, tflm_flex_root((const uint8_t[]){0x04, 0x01}, 2, &root));
    CHECK_EQ_INT(TFLM_ERROR_MALFORMED_MODEL, tflm_flex_root(NULL, 0, &root));
}

/* Reads everything a kernel might, to one level of nesting. */
static void read_all(const uint8_t *buf, size_t size)
{
    tflm_flex root, element, inner;
    int64_t i;
    double d;
    bool b;
    const char *chars;
    uint32_t length;
    if (tflm_flex_root(buf, size, &root) != TFLM_OK) {
        return;
    }
    (void)tflm_flex_int(&root, &i);
    (void)tflm_flex_float(&root, &d);
    (void)tflm_flex_bool(&root, &b);
    (void)tflm_flex_string(&root, &chars, &length);
    (void)tflm_flex_map_find(&root, "shift", &element);
    (void)tflm_flex_map_find(&root, "start_index", &element);
    const uint32_t n = tflm_flex_length(&root);
    for (uint32_t k = 0; k < n && k < 64; k++) {
        if (tflm_flex_at(&root, k, &element)) {
            (void)tflm_flex_int(&element, &i);
            (void)tflm_flex_float(&element, &d);
            (void)tflm_flex_string(&element, &chars, &length);
            (void)tflm_flex_at(&element, 0, &inner);
            (void)tflm_flex_length(&element);
        }
    }
}

/* Each buffer cut at every length (copied to exactly that size, so a read
 * past it is an AddressSanitizer error) and with each byte set to values
 * that break offsets, widths and types. */
static void test_hostile(const uint8_t *buf, size_t size)
{
    uint8_t copy[64];
    for (size_t cut = 0; cut <= size; cut++) {
        uint8_t *exact = alloc_exact(cut > 0 ? cut : 1);
        memcpy(exact, buf, cut);
        read_all(exact, cut);
        free(exact);
    }
    static const uint8_t values[] = {0x00, 0x01, 0x02, 0x03, 0x07, 0x08, 0x24, 0x25, 0x26, 0x27, 0x28,
                                     0x2c, 0x40, 0x64, 0x7f, 0x80, 0x90, 0xfe, 0xff};
    for (size_t at = 0; at < size; at++) {
        for (size_t v = 0; v < sizeof values; v++) {
            memcpy(copy, buf, size);
            copy[at] = values[v];
            uint8_t *exact = alloc_exact(size);
            memcpy(exact, copy, size);
            read_all(exact, size);
            free(exact);
        }
    }
}

int main(void)
{
    test_signal_options();
    test_values();
    test_hostile(WINDOW, sizeof WINDOW);
    test_hostile(ENERGY, sizeof ENERGY);
    test_hostile(INTS, sizeof INTS);
    test_hostile(FLOAT, sizeof FLOAT);
    test_hostile(STRING, sizeof STRING);
    TEST_MAIN_END();
}
