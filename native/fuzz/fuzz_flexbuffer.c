/*
 * fuzz_flexbuffer.c - libFuzzer target of the FlexBuffers reader
 * (tflm/flexbuffer.h): the input is read as a flexbuffer, and when it is
 * also a model the verifier accepts, each operator's custom options are
 * read too. So the models of the seed corpus (audio_preprocessor_int8's
 * signal ops: TensorFlow's own option maps) seed it where the options
 * sit, and their mutations stay inside a valid model. Every value is
 * walked to a depth of 4: numbers, strings, lengths, elements, and map
 * lookups of the keys TFLM's signal ops read. A read outside a buffer (each
 * copied to exactly its size) is an AddressSanitizer finding.
 */
#include <stdlib.h>
#include <string.h>

#include "core/flatbuffer.h"
#include "core/model.h"
#include "core/model_verifier.h"
#include "fuzz_common.h" /* alloc_exact */
#include "tflm/flexbuffer.h"

static const char *const KEYS[] = {"shift", "frame_size", "frame_step", "fft_length", "start_index",
                                   "end_index", "num_channels", "input_correction_bits", "output_scale",
                                   "snr_shift", "smoothing_bits", "alternate_one_minus_smoothing"};

static void walk(const tflm_flex *value, int depth)
{
    int64_t i;
    double d;
    bool b;
    const char *chars;
    uint32_t length;
    tflm_flex element;
    (void)tflm_flex_int(value, &i);
    (void)tflm_flex_float(value, &d);
    (void)tflm_flex_bool(value, &b);
    if (tflm_flex_string(value, &chars, &length) && length > 0) {
        volatile char last = chars[length - 1]; /* the reader vouches for every byte */
        (void)last;
    }
    for (size_t k = 0; k < sizeof KEYS / sizeof KEYS[0]; k++) {
        if (tflm_flex_map_find(value, KEYS[k], &element) && depth < 4) {
            walk(&element, depth + 1);
        }
    }
    const uint32_t n = tflm_flex_length(value);
    for (uint32_t e = 0; e < n && e < 32 && depth < 4; e++) {
        if (tflm_flex_at(value, e, &element)) {
            walk(&element, depth + 1);
        }
    }
}

static void read_options(const uint8_t *bytes, size_t size)
{
    uint8_t *exact = alloc_exact(size > 0 ? size : 1);
    memcpy(exact, bytes, size);
    tflm_flex root;
    if (tflm_flex_root(exact, size, &root) == TFLM_OK) {
        walk(&root, 0);
    }
    free(exact);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_options(data, size);
    uint8_t *model = alloc_exact(size > 0 ? size : 1);
    memcpy(model, data, size);
    char message[TFLM_ERROR_MESSAGE_CAPACITY];
    if (size > 0 && tflm_verify_model(model, size, message) == TFLM_OK) {
        const uint32_t subgraphs = fb_field_vector(model, model_root(model), MODEL_SUBGRAPHS);
        for (uint32_t s = 0; s < fb_vector_length(model, subgraphs); s++) {
            const uint32_t operators = fb_field_vector(model, model_subgraph(model, s), SUBGRAPH_OPERATORS);
            for (uint32_t o = 0; o < fb_vector_length(model, operators); o++) {
                const uint32_t options =
                    fb_field_vector(model, fb_vector_table(model, operators, o), OPERATOR_CUSTOM_OPTIONS);
                if (options != 0) {
                    read_options(model + options + 4, fb_vector_length(model, options));
                }
            }
        }
    }
    free(model);
    return 0;
}
