/* SLICE against boxes computed one by one (constant and invoke-time
 * begin/size); STRIDED_SLICE against Python's slice.indices() semantics,
 * written here independently, with every mask, offset and negative
 * strides; the rejections of both. */
#include <stdint.h>
#include <string.h>

#include "kernel_harness.h"
#include "test.h"
#include "tflm/ops.h"

static int16_t input[2 * 3 * 4 * 5];
static int16_t output[256];
static int64_t begin64[5], size64[5];
static int32_t args[3][6];

static void fill_input(void)
{
    for (int i = 0; i < (int)(sizeof input / sizeof input[0]); ++i) {
        input[i] = (int16_t)(i * 3 + 1);
    }
}

/* SLICE of the [3,4,5] input at begin with size (INT64). */
static tflm_status run_slice(const int64_t *begin, const int64_t *size, bool constant,
                             const int32_t *out_dims)
{
    static tflm_context ctx;
    const int32_t in_dims[3] = {3, 4, 5}, three[1] = {3};
    memcpy(begin64, begin, 3 * sizeof *begin);
    memcpy(size64, size, 3 * sizeof *size);
    fill_input();
    memset(output, 0, sizeof output);
    harness_init(&ctx, &tflm_op_slice, 3);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, in_dims, 3, input, 0.0f, 0);
    harness_tensor(&ctx, 1, TFLM_TYPE_INT64, three, 1, begin64, 0.0f, 0);
    harness_tensor(&ctx, 2, TFLM_TYPE_INT64, three, 1, size64, 0.0f, 0);
    ctx.tensors[1].is_constant = ctx.tensors[2].is_constant = constant;
    harness_tensor(&ctx, 3, TFLM_TYPE_INT16, out_dims, 3, output, 0.0f, 0);
    tflm_status status = harness_prepare(&ctx);
    return status != TFLM_OK ? status : harness_invoke(&ctx);
}

static void test_slice(void)
{
    const int64_t boxes[4][2][3] = {{{0, 0, 0}, {3, 4, 5}},
                                    {{1, 2, 3}, {2, 2, 2}},
                                    {{2, 0, 4}, {1, -1, -1}},
                                    {{0, 3, 0}, {3, 0, 5}}};
    for (int c = 0; c < 8; ++c) {
        const int64_t *b = boxes[c % 4][0], *s = boxes[c % 4][1];
        int32_t n[3];
        for (int i = 0; i < 3; ++i) {
            const int32_t dims[3] = {3, 4, 5};
            n[i] = (int32_t)(s[i] == -1 ? dims[i] - b[i] : s[i]);
        }
        CHECK_EQ_INT(TFLM_OK, run_slice(b, s, c < 4, n));
        for (int x = 0; x < n[0]; ++x)
            for (int y = 0; y < n[1]; ++y)
                for (int z = 0; z < n[2]; ++z) {
                    const int src = ((int)(x + b[0]) * 4 + (int)(y + b[1])) * 5 + (int)(z + b[2]);
                    CHECK_EQ_INT(input[src], output[(x * n[1] + y) * n[2] + z]);
                }
    }
    /* Outside the input, or not the output's shape: refused at prepare
     * when constant, at invoke when not. */
    const int64_t b_bad[3] = {2, 0, 0}, s_bad[3] = {2, 1, 1}, b_neg[3] = {-1, 0, 0};
    const int64_t s_ok[3] = {1, 1, 1};
    const int32_t two_one_one[3] = {2, 1, 1}, ones[3] = {1, 1, 1}, wrong[3] = {1, 1, 2};
    CHECK(run_slice(b_bad, s_bad, true, two_one_one) != TFLM_OK);
    CHECK(run_slice(b_bad, s_bad, false, two_one_one) != TFLM_OK);
    CHECK(run_slice(b_neg, s_ok, false, ones) != TFLM_OK);
    CHECK(run_slice(b_bad, s_ok, true, wrong) != TFLM_OK);
    CHECK_EQ_INT(TFLM_OK, run_slice(b_bad, s_ok, false, ones));
}

/* ---- STRIDED_SLICE ------------------------------------------------------------ */

/* Python's slice(begin, end, stride).indices(size) (a masked bound is
 * None), the elements it walks into list; returns their count. */
static int python_indices(int begin, int end, int stride, bool no_begin, bool no_end, int size,
                          int *list)
{
    int lo = stride > 0 ? 0 : -1, hi = stride > 0 ? size : size - 1;
    int b = no_begin ? (stride > 0 ? 0 : size - 1) : (begin < 0 ? begin + size : begin);
    int e = no_end ? (stride > 0 ? size : -1) : (end < 0 ? end + size : end);
    b = b < lo ? lo : (b > hi ? hi : b);
    e = e < lo ? lo : (e > hi ? hi : e);
    int n = 0;
    for (int i = b; stride > 0 ? i < e : i > e; i += stride) {
        list[n++] = i;
    }
    return n;
}

typedef struct strided_case {
    int count;                    /* entries of begin/end/strides */
    int32_t begin[6], end[6], strides[6];
    int32_t begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_mask;
    bool offset;
    int out_rank;
    int32_t out_dims[6];
    /* The expected walk over the [2,3,4] input, per input axis. */
    int32_t e_begin[3], e_end[3], e_stride[3];
    bool e_no_begin[3], e_no_end[3], e_shrink[3];
} strided_case;

static tflm_status run_strided(const strided_case *c, bool check, bool constant)
{
    static tflm_context ctx;
    const int32_t in_dims[3] = {2, 3, 4}, n[1] = {c->count};
    fill_input();
    memset(output, 0, sizeof output);
    for (int k = 0; k < c->count; ++k) {
        args[0][k] = c->begin[k];
        args[1][k] = c->end[k];
        args[2][k] = c->strides[k];
    }
    harness_init(&ctx, &tflm_op_strided_slice, 4);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT16, in_dims, 3, input, 0.0f, 0);
    for (int k = 0; k < 3; ++k) {
        harness_tensor(&ctx, 1 + k, TFLM_TYPE_INT32, n, 1, args[k], 0.0f, 0);
        ctx.tensors[1 + k].is_constant = constant;
    }
    harness_tensor(&ctx, 4, TFLM_TYPE_INT16, c->out_dims, c->out_rank, output, 0.0f, 0);
    HARNESS_OPTION_INT(&ctx, STRIDED_SLICE, BEGIN_MASK, c->begin_mask);
    HARNESS_OPTION_INT(&ctx, STRIDED_SLICE, END_MASK, c->end_mask);
    HARNESS_OPTION_INT(&ctx, STRIDED_SLICE, ELLIPSIS_MASK, c->ellipsis_mask);
    HARNESS_OPTION_INT(&ctx, STRIDED_SLICE, NEW_AXIS_MASK, c->new_axis_mask);
    HARNESS_OPTION_INT(&ctx, STRIDED_SLICE, SHRINK_AXIS_MASK, c->shrink_mask);
    HARNESS_OPTION_INT(&ctx, STRIDED_SLICE, OFFSET, c->offset);
    tflm_status status = harness_prepare(&ctx);
    if (status != TFLM_OK || !check) {
        return status;
    }
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    int lists[3][8], counts[3];
    for (int a = 0; a < 3; ++a) {
        if (c->e_shrink[a]) {
            lists[a][0] = c->e_begin[a] < 0 ? c->e_begin[a] + in_dims[a] : c->e_begin[a];
            counts[a] = 1;
        } else {
            counts[a] = python_indices(c->e_begin[a], c->e_end[a], c->e_stride[a],
                                       c->e_no_begin[a], c->e_no_end[a], in_dims[a], lists[a]);
        }
    }
    int o = 0;
    for (int x = 0; x < counts[0]; ++x)
        for (int y = 0; y < counts[1]; ++y)
            for (int z = 0; z < counts[2]; ++z) {
                CHECK_EQ_INT(input[(lists[0][x] * 3 + lists[1][y]) * 4 + lists[2][z]], output[o++]);
            }
    return status;
}

#define FULL(a) .e_begin[a] = 0, .e_end[a] = 0, .e_stride[a] = 1, .e_no_begin[a] = true, \
                .e_no_end[a] = true

static void test_strided_slice(void)
{
    const strided_case cases[] = {
        /* x[1:2, ::2, -3:] */
        {.count = 3, .begin = {1, 0, -3}, .end = {2, 0, 4}, .strides = {1, 2, 1}, .begin_mask = 2,
         .end_mask = 2, .out_rank = 3, .out_dims = {1, 2, 3},
         .e_begin = {1, 0, -3}, .e_end = {2, 0, 4}, .e_stride = {1, 2, 1},
         .e_no_begin = {false, true, false}, .e_no_end = {false, true, false}},
        /* x[::-1, 2:0:-1, ::-3] */
        {.count = 3, .begin = {0, 2, 0}, .end = {0, 0, 0}, .strides = {-1, -1, -3},
         .begin_mask = 5, .end_mask = 5, .out_rank = 3, .out_dims = {2, 2, 2},
         .e_begin = {0, 2, 0}, .e_end = {0, 0, 0}, .e_stride = {-1, -1, -3},
         .e_no_begin = {true, false, true}, .e_no_end = {true, false, true}},
        /* x[-1, :, 1] (shrink 0 and 2) */
        {.count = 3, .begin = {-1, 0, 1}, .end = {0, 3, 2}, .strides = {1, 1, 1},
         .shrink_mask = 5, .out_rank = 1, .out_dims = {3},
         .e_begin = {-1, 0, 1}, .e_end = {0, 3, 2}, .e_stride = {1, 1, 1},
         .e_shrink = {true, false, true}},
        /* x[1:] (fewer entries than axes: the rest whole) */
        {.count = 1, .begin = {1}, .end = {2}, .strides = {1}, .out_rank = 3,
         .out_dims = {1, 3, 4}, .e_begin = {1}, .e_end = {2}, .e_stride = {1}, FULL(1), FULL(2)},
        /* x[..., 1:3] (ellipsis over two axes) */
        {.count = 2, .begin = {0, 1}, .end = {0, 3}, .strides = {1, 1}, .ellipsis_mask = 1,
         .out_rank = 3, .out_dims = {2, 3, 2},
         .e_begin = {0, 0, 1}, .e_end = {0, 0, 3}, .e_stride = {1, 1, 1},
         .e_no_begin = {true, true, false}, .e_no_end = {true, true, false}},
        /* x[0, tf.newaxis, ..., ::2] */
        {.count = 4, .begin = {0, 0, 0, 0}, .end = {1, 0, 0, 0}, .strides = {1, 1, 1, 2},
         .shrink_mask = 1, .new_axis_mask = 2, .ellipsis_mask = 4, .begin_mask = 8,
         .end_mask = 8, .out_rank = 3, .out_dims = {1, 3, 2},
         .e_begin = {0, 0, 0}, .e_end = {1, 0, 0}, .e_stride = {1, 1, 2},
         .e_shrink = {true, false, false}, .e_no_begin = {false, true, true},
         .e_no_end = {false, true, true}},
        /* offset: x[b:b+e] with b = (1, 1, 0), e = (1, 2, 4) */
        {.count = 3, .begin = {1, 1, 0}, .end = {1, 2, 4}, .strides = {1, 1, 2}, .offset = true,
         .out_rank = 3, .out_dims = {1, 2, 2}, .e_begin = {1, 1, 0}, .e_end = {2, 3, 4},
         .e_stride = {1, 1, 2}},
        /* an empty result: x[1:1] */
        {.count = 1, .begin = {1}, .end = {1}, .strides = {1}, .out_rank = 3,
         .out_dims = {0, 3, 4}, .e_begin = {1}, .e_end = {1}, .e_stride = {1}, FULL(1), FULL(2)},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        CHECK_EQ_INT(TFLM_OK, run_strided(&cases[i], true, true));
    }
    /* Rejections: not constant, a zero stride, a wrong output shape, a
     * shrunk index outside the axis. */
    strided_case c = cases[0];
    CHECK_EQ_INT(TFLM_ERROR_UNSUPPORTED, run_strided(&c, false, false));
    c.strides[1] = 0;
    CHECK(run_strided(&c, false, true) != TFLM_OK);
    c = cases[0];
    c.out_dims[2] = 4;
    CHECK(run_strided(&c, false, true) != TFLM_OK);
    c = cases[2];
    c.begin[0] = 2;
    CHECK(run_strided(&c, false, true) != TFLM_OK);
    c.begin[0] = -3; /* -3 + 2 clamps to 0, as in TF Lite: element 0 */
    c.e_begin[0] = 0;
    CHECK_EQ_INT(TFLM_OK, run_strided(&c, true, true));
    /* More entries than axes, and new axes beyond the rank limit. */
    c = cases[0];
    c.count = 4;
    CHECK(run_strided(&c, false, true) != TFLM_OK);
    c.count = 6;
    c.strides[3] = c.strides[4] = c.strides[5] = 1;
    c.new_axis_mask = 0x3c; /* 3 + 4 axes */
    CHECK(run_strided(&c, false, true) != TFLM_OK);
}

/* Random begin/end/strides and begin, end and shrink masks over the
 * [2,3,4] input, the output's shape from the Python model. */
static void test_random_strided_slice(void)
{
    uint32_t state = 12345;
    const int32_t in_dims[3] = {2, 3, 4};
    for (int trial = 0; trial < 2000; ++trial) {
        strided_case c = {.count = 3};
        int lists[8];
        for (int a = 0; a < 3; ++a) {
            state = state * 1664525u + 1013904223u;
            const uint32_t r = state >> 8;
            c.begin[a] = c.e_begin[a] = (int32_t)(r % 13) - 6;
            c.end[a] = c.e_end[a] = (int32_t)(r / 13 % 13) - 6;
            int32_t stride = (int32_t)(r / 169 % 6) - 3;
            c.strides[a] = c.e_stride[a] = stride >= 0 ? stride + 1 : stride;
            const uint32_t masks = r / 1014 % 8;
            if (masks & 4 && c.begin[a] >= -in_dims[a] && c.begin[a] < in_dims[a]) {
                c.shrink_mask |= 1 << a;
                c.e_shrink[a] = true;
                continue;
            }
            if (masks & 1) {
                c.begin_mask |= 1 << a;
                c.e_no_begin[a] = true;
            }
            if (masks & 2) {
                c.end_mask |= 1 << a;
                c.e_no_end[a] = true;
            }
            c.out_dims[c.out_rank++] =
                python_indices(c.begin[a], c.end[a], c.strides[a], c.e_no_begin[a], c.e_no_end[a],
                               in_dims[a], lists);
        }
        CHECK_EQ_INT(TFLM_OK, run_strided(&c, true, true));
    }
}

int main(void)
{
    test_slice();
    test_strided_slice();
    test_random_strided_slice();
    TEST_MAIN_END();
}
