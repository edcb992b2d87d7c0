/* GATHER, GATHER_ND and EMBEDDING_LOOKUP: results against index
 * arithmetic written out here, every accepted type, axes and batch_dims,
 * index checks at prepare (constant) and at invoke (not constant), and the
 * rejections of prepare. */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static tflm_context ctx;

static void constant(int i)
{
    ctx.tensors[i].is_constant = 1;
}

/* ---- GATHER ----------------------------------------------------------------- */

/* input [2, 3, 4] gathered on axis 1 by positions [2, 0, 2, 1] (constant). */
static void test_gather_axis1_f32(void)
{
    const int32_t in_dims[3] = {2, 3, 4}, pos_dims[1] = {4}, out_dims[3] = {2, 4, 4};
    float in[24], out[32];
    int32_t pos[4] = {2, 0, 2, 1};
    for (int i = 0; i < 24; ++i) {
        in[i] = (float)i * 0.5f - 3.0f;
    }
    harness_init(&ctx, &tflm_op_gather, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 3, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, pos_dims, 1, pos, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, out_dims, 3, out, 0.0f, 0);
    constant(1);
    HARNESS_OPTION_INT(&ctx, GATHER, AXIS, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int b = 0; b < 2; ++b) {
        for (int p = 0; p < 4; ++p) {
            for (int k = 0; k < 4; ++k) {
                CHECK(out[(b * 4 + p) * 4 + k] == in[(b * 3 + pos[p]) * 4 + k]);
            }
        }
    }
    /* The same through axis -2. */
    memset(out, 0, sizeof out);
    HARNESS_OPTION_INT(&ctx, GATHER, AXIS, -2);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[(1 * 4 + 3) * 4 + 2] == in[(1 * 3 + 1) * 4 + 2]);
}

/* 2-d positions on axis 0: input [4, 2] int8, positions [2, 3] int64. */
static void test_gather_2d_positions_s8(void)
{
    const int32_t in_dims[2] = {4, 2}, pos_dims[2] = {2, 3}, out_dims[3] = {2, 3, 2};
    int8_t in[8] = {-128, 127, 1, 2, 3, 4, -5, -6}, out[12];
    int64_t pos[6] = {3, 0, 0, 1, 2, 3};
    harness_init(&ctx, &tflm_op_gather, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, in_dims, 2, in, 0.1f, -3);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT64, pos_dims, 2, pos, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, out_dims, 3, out, 0.1f, -3);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int p = 0; p < 6; ++p) {
        CHECK_EQ_INT(in[pos[p] * 2], out[p * 2]);
        CHECK_EQ_INT(in[pos[p] * 2 + 1], out[p * 2 + 1]);
    }
}

/* batch_dims 1: input [2, 3, 2] int16, positions [2, 2], axis 2 (the
 * last): out[b][o][j] = in[b][o][pos[b][j]]. */
static void test_gather_batch_dims_s16(void)
{
    const int32_t in_dims[3] = {2, 3, 2}, pos_dims[2] = {2, 2}, out_dims[3] = {2, 3, 2};
    int16_t in[12], out[12];
    int32_t pos[4] = {1, 1, 0, 1};
    for (int i = 0; i < 12; ++i) {
        in[i] = (int16_t)(i * 3000 - 16000);
    }
    harness_init(&ctx, &tflm_op_gather, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, in_dims, 3, in, 0.001f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, pos_dims, 2, pos, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, out_dims, 3, out, 0.001f, 0);
    HARNESS_OPTION_INT(&ctx, GATHER, AXIS, 2);
    HARNESS_OPTION_INT(&ctx, GATHER, BATCH_DIMS, -1); /* -1 + positions rank 2 = 1 */
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int b = 0; b < 2; ++b) {
        for (int o = 0; o < 3; ++o) {
            for (int j = 0; j < 2; ++j) {
                CHECK_EQ_INT(in[(b * 3 + o) * 2 + pos[b * 2 + j]], out[(b * 3 + o) * 2 + j]);
            }
        }
    }
}

static void test_gather_rejections(void)
{
    const int32_t in_dims[2] = {3, 2}, pos_dims[1] = {2}, out_dims[2] = {2, 2};
    float in[6] = {0}, out[4];
    int32_t pos[2] = {0, 2};
    /* Set up a valid node; each case breaks one thing and restores it. */
#define GATHER_NODE()                                                                   \
    do {                                                                                \
        harness_init(&ctx, &tflm_op_gather, 2);                                         \
        harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 2, in, 0.0f, 0);            \
        harness_tensor(&ctx, 1, TFLM_TYPE_INT32, pos_dims, 1, pos, 0.0f, 0);            \
        harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, out_dims, 2, out, 0.0f, 0);          \
    } while (0)
    GATHER_NODE();
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    /* Positions out of range: at prepare when constant, at invoke when not. */
    pos[1] = 3;
    constant(1);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    CHECK(strstr(ctx.message, "position") != NULL);
    ctx.tensors[1].is_constant = 0;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    pos[1] = -1;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    pos[1] = 2;
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    /* Axis and batch_dims. */
    HARNESS_OPTION_INT(&ctx, GATHER, AXIS, 2);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, GATHER, AXIS, -3);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, GATHER, AXIS, 0);
    HARNESS_OPTION_INT(&ctx, GATHER, BATCH_DIMS, 1); /* > axis */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    HARNESS_OPTION_INT(&ctx, GATHER, BATCH_DIMS, -2); /* -2 + 1 < 0 */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    GATHER_NODE();
    HARNESS_OPTION_INT(&ctx, GATHER, AXIS, 1);
    HARNESS_OPTION_INT(&ctx, GATHER, BATCH_DIMS, 1); /* input dim 0 (3) != positions dim 0 (2) */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    /* Output shape and type. */
    GATHER_NODE();
    const int32_t wrong_dims[2] = {2, 3};
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, wrong_dims, 2, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    CHECK(strstr(ctx.message, "output dimension") != NULL);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, out_dims, 1, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, out_dims, 2, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    /* Types. */
    GATHER_NODE();
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, in_dims, 2, in, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    GATHER_NODE();
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, pos_dims, 1, pos, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    /* A scalar input has no axis; a missing input. */
    GATHER_NODE();
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 0, in, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    GATHER_NODE();
    harness_absent_input(&ctx, 1);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
#undef GATHER_NODE
}

/* Empty positions give an empty output and read nothing. */
static void test_gather_empty(void)
{
    const int32_t in_dims[2] = {3, 2}, pos_dims[1] = {0}, out_dims[2] = {0, 2};
    float in[6] = {0};
    harness_init(&ctx, &tflm_op_gather, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, in_dims, 2, in, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, pos_dims, 1, NULL, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, out_dims, 2, NULL, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
}

/* ---- GATHER_ND ----------------------------------------------------------------- */

/* params [2, 3, 2]; indices [3, 2] address [d0, d1] slices of 2; then
 * [2, 3] indices address single elements. */
static void test_gather_nd_f32(void)
{
    const int32_t p_dims[3] = {2, 3, 2}, i_dims[2] = {3, 2}, o_dims[2] = {3, 2};
    float params[12], out[6];
    int32_t idx[6] = {1, 2, 0, 0, 1, 0};
    for (int i = 0; i < 12; ++i) {
        params[i] = (float)i + 0.25f;
    }
    harness_init(&ctx, &tflm_op_gather_nd, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, p_dims, 3, params, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, i_dims, 2, idx, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, o_dims, 2, out, 0.0f, 0);
    constant(1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int s = 0; s < 3; ++s) {
        for (int k = 0; k < 2; ++k) {
            CHECK(out[s * 2 + k] == params[(idx[s * 2] * 3 + idx[s * 2 + 1]) * 2 + k]);
        }
    }
    const int32_t i3_dims[2] = {2, 3}, o3_dims[1] = {2};
    int32_t idx3[6] = {1, 2, 1, 0, 0, 1};
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, i3_dims, 2, idx3, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, o3_dims, 1, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out[0] == params[(1 * 3 + 2) * 2 + 1]);
    CHECK(out[1] == params[(0 * 3 + 0) * 2 + 1]);
}

/* int8 and int16 params with int64 indices: [4, 2] params, indices [2, 1]
 * pick rows. */
static void test_gather_nd_integers(void)
{
    const int32_t p_dims[2] = {4, 2}, i_dims[2] = {2, 1}, o_dims[2] = {2, 2};
    int8_t p8[8] = {1, -2, 3, -4, 5, -6, 127, -128}, o8[4];
    int16_t p16[8] = {100, -200, 300, -400, 500, -600, 32767, -32768}, o16[4];
    int64_t idx[2] = {3, 1};
    harness_init(&ctx, &tflm_op_gather_nd, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, p_dims, 2, p8, 0.5f, 1);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT64, i_dims, 2, idx, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, o_dims, 2, o8, 0.5f, 1);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(o8[0] == 127 && o8[1] == -128 && o8[2] == 3 && o8[3] == -4);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, p_dims, 2, p16, 0.5f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT16, o_dims, 2, o16, 0.5f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(o16[0] == 32767 && o16[1] == -32768 && o16[2] == 300 && o16[3] == -400);
    /* Not constant: an index out of its dimension fails at invoke. */
    idx[1] = 4;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    idx[1] = -1;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
}

static void test_gather_nd_rejections(void)
{
    const int32_t p_dims[2] = {3, 3}, i_dims[1] = {2}, o_dims[1] = {1};
    float params[9] = {0}, out[3];
    /* [0, 4] lies inside params flattened (element 4) but outside dimension 1. */
    int32_t idx[2] = {0, 4};
    harness_init(&ctx, &tflm_op_gather_nd, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, p_dims, 2, params, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, i_dims, 1, idx, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, o_dims, 0, out, 0.0f, 0);
    constant(1);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    CHECK(strstr(ctx.message, "index") != NULL);
    idx[1] = 2;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    /* indices addressing more dimensions than params has */
    const int32_t i3_dims[1] = {3};
    int32_t idx3[3] = {0, 0, 0};
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, i3_dims, 1, idx3, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, i_dims, 1, idx, 0.0f, 0);
    /* wrong output shape, scalar params, scalar indices, types */
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, o_dims, 1, out, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, o_dims, 0, out, 0.0f, 0);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, p_dims, 0, params, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, p_dims, 2, params, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, i_dims, 0, idx, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_UINT8, i_dims, 1, idx, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT32, i_dims, 1, idx, 0.0f, 0);
    harness_tensor(&ctx, 0, TFLM_TYPE_BOOL, p_dims, 2, params, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
}

/* ---- EMBEDDING_LOOKUP ------------------------------------------------------------ */

static void test_embedding_lookup(void)
{
    const int32_t l_dims[1] = {3}, v_dims[3] = {4, 2, 2}, o_dims[3] = {3, 2, 2};
    int32_t lookup[3] = {3, 0, 3};
    float vf[16], of[12];
    int8_t v8[16], o8[12];
    for (int i = 0; i < 16; ++i) {
        vf[i] = (float)i * 1.5f;
        v8[i] = (int8_t)(i * 17 - 128);
    }
    harness_init(&ctx, &tflm_op_embedding_lookup, 2);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, l_dims, 1, lookup, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, v_dims, 3, vf, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, o_dims, 3, of, 0.0f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int i = 0; i < 3; ++i) {
        for (int k = 0; k < 4; ++k) {
            CHECK(of[i * 4 + k] == vf[lookup[i] * 4 + k]);
        }
    }
    /* int8 rows copied */
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, v_dims, 3, v8, 0.25f, 3);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, o_dims, 3, o8, 0.25f, 3);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int i = 0; i < 3; ++i) {
        for (int k = 0; k < 4; ++k) {
            CHECK_EQ_INT(v8[lookup[i] * 4 + k], o8[i * 4 + k]);
        }
    }
    /* int8 dequantized: needs zero point 0 */
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, o_dims, 3, of, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, v_dims, 3, v8, 0.25f, 0);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    for (int i = 0; i < 3; ++i) {
        for (int k = 0; k < 4; ++k) {
            CHECK(of[i * 4 + k] == (float)v8[lookup[i] * 4 + k] * 0.25f);
        }
    }
    /* Lookup out of range: at invoke (not constant), at prepare (constant). */
    lookup[1] = 4;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    lookup[1] = -1;
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    constant(0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    lookup[1] = 0;
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    /* Rejections: no scale to dequantize with, float value to int8,
     * shapes, lookup type and rank. */
    harness_tensor(&ctx, 1, TFLM_TYPE_INT8, v_dims, 3, v8, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, v_dims, 3, vf, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT8, o_dims, 3, o8, 0.25f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, v_dims, 3, of, 0.0f, 0); /* [4, 2, 2] */
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, o_dims, 3, of, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, v_dims, 1, vf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_INT16, v_dims, 3, vf, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, v_dims, 3, vf, 0.0f, 0);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT64, l_dims, 1, lookup, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, harness_prepare(&ctx));
    harness_tensor(&ctx, 0, TFLM_TYPE_INT32, o_dims, 2, lookup, 0.0f, 0);
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_prepare(&ctx));
}

int main(void)
{
    test_gather_axis1_f32();
    test_gather_2d_positions_s8();
    test_gather_batch_dims_s16();
    test_gather_rejections();
    test_gather_empty();
    test_gather_nd_f32();
    test_gather_nd_integers();
    test_gather_nd_rejections();
    test_embedding_lookup();
    TEST_MAIN_END();
}
