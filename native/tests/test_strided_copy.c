/* strided_copy: walks against naive index arithmetic (transpose,
 * reverse, broadcast, window writes), the merging of axes, fill. */
#include <stdint.h>

#include "kernels/strided_copy.h"
#include "test.h"

static void test_transpose_2x3(void)
{
    /* in [2,3] -> out [3,2]: out[j][i] = in[i][j] */
    const int16_t in[6] = {0, 1, 2, 10, 11, 12};
    int16_t out[6] = {0};
    tflm_strided_copy copy;
    tflm_strided_copy_init(&copy, 2);
    CHECK(tflm_strided_copy_axis(&copy, 3, 1, 2));
    CHECK(tflm_strided_copy_axis(&copy, 2, 3, 1));
    tflm_strided_copy_run(&copy, in, out);
    const int16_t expected[6] = {0, 10, 1, 11, 2, 12};
    for (int i = 0; i < 6; ++i) {
        CHECK_EQ_INT(expected[i], out[i]);
    }
}

static void test_random_permutations(void)
{
    /* 4-d [2,3,4,5] with every permutation of a few, float-sized
     * elements, against coordinates computed one by one. */
    int32_t in[120], out[120];
    for (int i = 0; i < 120; ++i) {
        in[i] = i * 7 + 3;
    }
    const int32_t dims[4] = {2, 3, 4, 5};
    const int32_t in_strides[4] = {60, 20, 5, 1};
    const int perms[4][4] = {{3, 2, 1, 0}, {0, 2, 1, 3}, {1, 0, 3, 2}, {0, 1, 2, 3}};
    for (int p = 0; p < 4; ++p) {
        const int *perm = perms[p];
        int32_t out_dims[4], out_strides[4];
        for (int i = 0; i < 4; ++i) {
            out_dims[i] = dims[perm[i]];
        }
        out_strides[3] = 1;
        for (int i = 2; i >= 0; --i) {
            out_strides[i] = out_strides[i + 1] * out_dims[i + 1];
        }
        tflm_strided_copy copy;
        tflm_strided_copy_init(&copy, 4);
        for (int i = 0; i < 4; ++i) {
            CHECK(tflm_strided_copy_axis(&copy, out_dims[i], in_strides[perm[i]], out_strides[i]));
        }
        if (p == 3) {
            CHECK_EQ_INT(1, copy.rank); /* the identity is one contiguous run */
        }
        tflm_strided_copy_run(&copy, in, out);
        for (int a = 0; a < out_dims[0]; ++a)
            for (int b = 0; b < out_dims[1]; ++b)
                for (int c = 0; c < out_dims[2]; ++c)
                    for (int d = 0; d < out_dims[3]; ++d) {
                        int idx[4] = {a, b, c, d}, src[4];
                        for (int i = 0; i < 4; ++i) {
                            src[perm[i]] = idx[i];
                        }
                        const int s = src[0] * 60 + src[1] * 20 + src[2] * 5 + src[3];
                        CHECK_EQ_INT(in[s], out[a * out_strides[0] + b * out_strides[1] +
                                                c * out_strides[2] + d]);
                    }
    }
}

static void test_reverse_and_broadcast(void)
{
    /* Reverse axis 1 of [2,3]: a negative stride from the row's end. */
    const int8_t in[6] = {1, 2, 3, 4, 5, 6};
    int8_t out[6];
    tflm_strided_copy copy;
    tflm_strided_copy_init(&copy, 1);
    copy.src_offset = 2;
    CHECK(tflm_strided_copy_axis(&copy, 2, 3, 3));
    CHECK(tflm_strided_copy_axis(&copy, 3, -1, 1));
    tflm_strided_copy_run(&copy, in, out);
    const int8_t reversed[6] = {3, 2, 1, 6, 5, 4};
    for (int i = 0; i < 6; ++i) {
        CHECK_EQ_INT(reversed[i], out[i]);
    }
    /* Broadcast [3] to [4,3]: stride 0 along the new axis. */
    const int64_t row[3] = {-1, INT64_MAX, 5};
    int64_t wide[12];
    tflm_strided_copy_init(&copy, 8);
    CHECK(tflm_strided_copy_axis(&copy, 4, 0, 3));
    CHECK(tflm_strided_copy_axis(&copy, 3, 1, 1));
    tflm_strided_copy_run(&copy, row, wide);
    for (int i = 0; i < 12; ++i) {
        CHECK(wide[i] == row[i % 3]);
    }
}

static void test_window_and_empty(void)
{
    /* Write [2,2] into the middle of a [4,4] of zeros (PAD's copy). */
    const uint8_t in[4] = {1, 2, 3, 4};
    uint8_t out[16] = {0};
    tflm_strided_copy copy;
    tflm_strided_copy_init(&copy, 1);
    copy.dst_offset = 5;
    CHECK(tflm_strided_copy_axis(&copy, 2, 2, 4));
    CHECK(tflm_strided_copy_axis(&copy, 2, 1, 1));
    tflm_strided_copy_run(&copy, in, out);
    const uint8_t expected[16] = {0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0};
    for (int i = 0; i < 16; ++i) {
        CHECK_EQ_INT(expected[i], out[i]);
    }
    /* An axis of size 0 copies nothing; all-ones axes one element. */
    uint8_t untouched[2] = {9, 9};
    tflm_strided_copy_init(&copy, 1);
    CHECK(tflm_strided_copy_axis(&copy, 3, 1, 1));
    CHECK(tflm_strided_copy_axis(&copy, 0, 1, 1));
    tflm_strided_copy_run(&copy, in, untouched);
    CHECK_EQ_INT(9, untouched[0]);
    tflm_strided_copy_init(&copy, 1);
    copy.src_offset = 3;
    CHECK(tflm_strided_copy_axis(&copy, 1, 5, 5));
    tflm_strided_copy_run(&copy, in, untouched);
    CHECK_EQ_INT(4, untouched[0]);
    CHECK_EQ_INT(9, untouched[1]);
}

static void test_axis_limit(void)
{
    /* Axes that cannot merge (alternating broadcast) fill every slot. */
    tflm_strided_copy copy;
    tflm_strided_copy_init(&copy, 1);
    int32_t stride = 1;
    for (int i = 0; i < TFLM_STRIDED_COPY_MAX_DIMS; ++i) {
        CHECK(tflm_strided_copy_axis(&copy, 2, i % 2 ? 0 : 1, stride));
        stride *= 3;
    }
    CHECK_EQ_INT(TFLM_STRIDED_COPY_MAX_DIMS, copy.rank);
    CHECK(!tflm_strided_copy_axis(&copy, 2, 1, 1));
}

static void test_fill(void)
{
    int16_t out[7] = {0};
    const int16_t value = -12345;
    tflm_fill_elements(out, &value, 2, 6);
    for (int i = 0; i < 6; ++i) {
        CHECK_EQ_INT(-12345, out[i]);
    }
    CHECK_EQ_INT(0, out[6]);
    const int32_t dims_storage[4] = {3, 2, 3, 4};
    int32_t strides[3];
    tflm_row_major_strides((const tflm_int_array *)dims_storage, strides);
    CHECK_EQ_INT(12, strides[0]);
    CHECK_EQ_INT(4, strides[1]);
    CHECK_EQ_INT(1, strides[2]);
}

int main(void)
{
    test_transpose_2x3();
    test_random_permutations();
    test_reverse_and_broadcast();
    test_window_and_empty();
    test_axis_limit();
    test_fill();
    TEST_MAIN_END();
}
