/*
 * SELECT and SELECT_V2: out = condition ? x : y element-wise, condition
 * BOOL, x, y and the output of one type (a byte copy: BOOL, FLOAT32, INT8,
 * UINT8, INT16, INT32, UINT32, INT64; TFLM's SELECT_V2 lists FLOAT32, INT8
 * and INT16, TF Lite's SELECT the rest).
 *
 * SELECT (TF Lite's select.cc, version one): the three shapes equal, or x
 * and y equal with a scalar condition (it picks the whole tensor) or a
 * rank-1 condition as long as x's first dimension (it picks slices).
 * SELECT_V2 (TFLM's select.cc): the three broadcast to the output, or all
 * four hold one element.
 */
#include "binary_common.h"
#include "kernel_util.h"
#include "tflm/ops.h"

#define SELECT_TYPES                                                                         \
    (1u << TFLM_TYPE_BOOL | 1u << TFLM_TYPE_FLOAT32 | 1u << TFLM_TYPE_INT8 |                  \
     1u << TFLM_TYPE_UINT8 | 1u << TFLM_TYPE_INT16 | 1u << TFLM_TYPE_INT32 |                  \
     1u << TFLM_TYPE_UINT32 | 1u << TFLM_TYPE_INT64)

static tflm_status select_prepare(tflm_context *ctx, tflm_node *node, bool v2)
{
    if (node->inputs->size != 3 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 3 inputs and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *condition = tflm_input(ctx, node, 0);
    const tflm_tensor *x = tflm_input(ctx, node, 1);
    const tflm_tensor *y = tflm_input(ctx, node, 2);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (condition == NULL || x == NULL || y == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    if (condition->type != TFLM_TYPE_BOOL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "condition type %s not supported; expected BOOL",
                         tflm_type_name_of(condition->type));
    }
    if (x->type >= 32 || (SELECT_TYPES & (UINT32_C(1) << x->type)) == 0) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED,
                         "input type %s not supported; expected BOOL, FLOAT32, INT8, UINT8, INT16, "
                         "INT32, UINT32 or INT64",
                         tflm_type_name_of(x->type));
    }
    if (y->type != x->type || output->type != x->type) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "x, y and output types %s, %s and %s differ",
                         tflm_type_name_of(x->type), tflm_type_name_of(y->type),
                         tflm_type_name_of(output->type));
    }
    tflm_broadcast3 *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    const int32_t *shape[3] = {condition->dims->data, x->dims->data, y->dims->data};
    int32_t rank[3] = {condition->dims->size, x->dims->size, y->dims->size};
    int32_t padded[TFLM_BROADCAST_MAX_DIMS];
    bool ok;
    if (v2 && tflm_element_count(condition) == 1 && tflm_element_count(x) == 1 &&
        tflm_element_count(y) == 1 && tflm_element_count(output) == 1) {
        /* one element of any ranks */
        const int32_t one[1] = {1}, ones[3] = {1, 1, 1};
        const int32_t *one_shape[3] = {one, one, one};
        ok = tflm_broadcast3_init(one_shape, ones, one, 1, data);
    } else if (v2 || (tflm_same_shape(condition, x) && tflm_same_shape(x, y))) {
        ok = tflm_broadcast3_init(shape, rank, output->dims->data, output->dims->size, data);
        ok = ok && (v2 || tflm_same_shape(x, output));
    } else {
        /* SELECT with a scalar or a rank-1 condition over x's first axis:
         * read as x's shape with ones after its (one) dimension. */
        ok = tflm_same_shape(x, y) && tflm_same_shape(x, output) && x->dims->size >= 1 &&
             x->dims->size <= TFLM_BROADCAST_MAX_DIMS &&
             (condition->dims->size == 0 ||
              (condition->dims->size == 1 && condition->dims->data[0] == x->dims->data[0]));
        if (ok) {
            for (int32_t i = 0; i < x->dims->size; ++i) {
                padded[i] = i == 0 && condition->dims->size == 1 ? x->dims->data[0] : 1;
            }
            shape[0] = padded;
            rank[0] = x->dims->size;
            ok = tflm_broadcast3_init(shape, rank, output->dims->data, output->dims->size, data);
        }
    }
    if (!ok) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         v2 ? "condition, x and y shapes do not broadcast to the output shape (at "
                              "most 6 dims)"
                            : "x, y and the output need one shape, the condition that shape, a "
                              "scalar or x's first dimension");
    }
    node->data = data;
    return TFLM_OK;
}

/* The loop of one element size T. */
#define SELECT_LOOP(T)                                                           \
    do {                                                                         \
        const T *x_ = x, *y_ = y;                                                \
        T *z_ = out;                                                             \
        TFLM_BROADCAST3_FOR_EACH(bc, SELECT_ELEMENT);                            \
    } while (0)
#define SELECT_ELEMENT(ic, ix, iy, o) z_[o] = condition[ic] ? x_[ix] : y_[iy]

static tflm_status select_invoke(tflm_context *ctx, tflm_node *node)
{
    const tflm_broadcast3 *bc = node->data;
    const uint8_t *condition = tflm_input(ctx, node, 0)->data;
    const void *x = tflm_input(ctx, node, 1)->data;
    const void *y = tflm_input(ctx, node, 2)->data;
    tflm_tensor *output = tflm_output(ctx, node, 0);
    void *out = output->data;
    switch (output->type) {
    case TFLM_TYPE_BOOL:
    case TFLM_TYPE_INT8:
    case TFLM_TYPE_UINT8: SELECT_LOOP(uint8_t); break;
    case TFLM_TYPE_INT16: SELECT_LOOP(uint16_t); break;
    case TFLM_TYPE_INT64: SELECT_LOOP(uint64_t); break;
    default: SELECT_LOOP(uint32_t); break; /* FLOAT32, INT32, UINT32 */
    }
    return TFLM_OK;
}

static tflm_status select_v1_prepare(tflm_context *ctx, tflm_node *node)
{
    return select_prepare(ctx, node, false);
}

static tflm_status select_v2_prepare(tflm_context *ctx, tflm_node *node)
{
    return select_prepare(ctx, node, true);
}

const tflm_kernel tflm_op_select = {
    .builtin_code = TFLM_BUILTIN_SELECT,
    .custom_name = NULL,
    .name = "SELECT",
    .prepare = select_v1_prepare,
    .invoke = select_invoke,
    .output_aliases_input = false,
};

const tflm_kernel tflm_op_select_v2 = {
    .builtin_code = TFLM_BUILTIN_SELECT_V2,
    .custom_name = NULL,
    .name = "SELECT_V2",
    .prepare = select_v2_prepare,
    .invoke = select_invoke,
    .output_aliases_input = false,
};
