/*
 * custom_options.h - the options of TFLM's custom ops: a FlexBuffers map of
 * the op's attributes (tflm/flexbuffer.h), read by key, with ranges and a
 * message naming the key when one is missing or wrong.
 *
 * TFLM reads some maps by position (the keys' alphabetical order) and some
 * by key; reading every one by key gives the same values on the maps
 * TensorFlow writes, and a clear error, instead of another option's value,
 * on a map that lacks one. An optional key TFLM defaults when its value
 * is null (m["key"].IsNull()) is read when tflm_custom_option_present.
 */
#ifndef TFLM_CUSTOM_OPTIONS_H
#define TFLM_CUSTOM_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "tflm/flexbuffer.h"
#include "tflm/kernel.h"

/* The node's custom options as a FlexBuffers map; MALFORMED_MODEL when
 * there are none or they are not a map. */
tflm_status tflm_custom_options(tflm_context *ctx, const tflm_node *node, tflm_flex *map);

/* Whether the map has key with a value other than null. */
bool tflm_custom_option_present(const tflm_flex *map, const char *key);

/* Option key of the map as an integer in [min, max], a bool, or a float
 * (a double or an integer in the map, converted as FlexBuffers' AsFloat);
 * MALFORMED_MODEL naming the key when it is missing, of another kind or
 * out of range. */
tflm_status tflm_custom_option_int(tflm_context *ctx, const tflm_flex *map, const char *key,
                                   int64_t min, int64_t max, int32_t *value);
tflm_status tflm_custom_option_bool(tflm_context *ctx, const tflm_flex *map, const char *key,
                                    bool *value);
tflm_status tflm_custom_option_float(tflm_context *ctx, const tflm_flex *map, const char *key,
                                     float *value);

#endif /* TFLM_CUSTOM_OPTIONS_H */
