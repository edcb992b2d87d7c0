/* custom_options.c - custom_options.h. */
#include "custom_options.h"

tflm_status tflm_custom_options(tflm_context *ctx, const tflm_node *node, tflm_flex *map)
{
    if (node->custom_options == NULL ||
        tflm_flex_root(node->custom_options, node->custom_options_size, map) != TFLM_OK ||
        map->type != TFLM_FLEX_MAP) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "custom options must be a FlexBuffers map of the op's attributes");
    }
    return TFLM_OK;
}

bool tflm_custom_option_present(const tflm_flex *map, const char *key)
{
    tflm_flex field;
    return tflm_flex_map_find(map, key, &field) && field.type != TFLM_FLEX_NULL;
}

tflm_status tflm_custom_option_int(tflm_context *ctx, const tflm_flex *map, const char *key,
                                   int64_t min, int64_t max, int32_t *value)
{
    tflm_flex field;
    int64_t v;
    if (!tflm_flex_map_find(map, key, &field) || !tflm_flex_int(&field, &v)) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"%s\" missing or not a number",
                         key);
    }
    if (v < min || v > max) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"%s\" out of range [%d, %d]", key,
                         (int)min, (int)max);
    }
    *value = (int32_t)v;
    return TFLM_OK;
}

tflm_status tflm_custom_option_bool(tflm_context *ctx, const tflm_flex *map, const char *key,
                                    bool *value)
{
    tflm_flex field;
    if (!tflm_flex_map_find(map, key, &field) || !tflm_flex_bool(&field, value)) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"%s\" missing or not a bool",
                         key);
    }
    return TFLM_OK;
}

tflm_status tflm_custom_option_float(tflm_context *ctx, const tflm_flex *map, const char *key,
                                     float *value)
{
    tflm_flex field;
    double v;
    if (!tflm_flex_map_find(map, key, &field) || !tflm_flex_float(&field, &v)) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL, "option \"%s\" missing or not a number",
                         key);
    }
    *value = (float)v;
    return TFLM_OK;
}
