/*
 * binary_common.h - what the element-wise ops share (ADD, SUB, MUL, DIV,
 * comparisons, SELECT, ...): NumPy-style broadcasting of two or three
 * inputs over up to TFLM_BROADCAST_MAX_DIMS dimensions, the loops that walk
 * it, and the prepare-time checks of a two-input element-wise op.
 */
#ifndef TFLM_KERNELS_BINARY_COMMON_H
#define TFLM_KERNELS_BINARY_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nn_types.h"
#include "tflm/kernel.h"

#define TFLM_BROADCAST_MAX_DIMS 6

/* Iteration space of a broadcast: the output's dims, right-aligned in
 * TFLM_BROADCAST_MAX_DIMS (leading ones), and the element strides of each
 * input along every output axis (0 where the input is broadcast). */
typedef struct tflm_broadcast {
    int32_t dims[TFLM_BROADCAST_MAX_DIMS];
    int32_t stride1[TFLM_BROADCAST_MAX_DIMS];
    int32_t stride2[TFLM_BROADCAST_MAX_DIMS];
} tflm_broadcast;

/* The float32 kernels' signature (ADD, MUL), for variants. */
typedef void (*tflm_binary_f32_fn)(const tflm_activation_f32 *activation,
                                   const tflm_broadcast *broadcast, const float *input1,
                                   const float *input2, float *output);

/* Builds the iteration space for inputs of shapes shape1 (rank1 dims) and
 * shape2, whose broadcast must equal out (rank_out dims). Returns false
 * when the shapes do not broadcast to out or a rank exceeds the limit. */
bool tflm_broadcast_init(const int32_t *shape1, int32_t rank1, const int32_t *shape2, int32_t rank2,
                         const int32_t *out, int32_t rank_out, tflm_broadcast *broadcast);

/* Runs RUN(..., i1, i2, o, n, t1, t2) for every innermost run of the
 * broadcast, in row-major order, the variadic arguments first: n (dims[5])
 * output elements from index o on, those of input1 from index i1 on at
 * stride t1 (stride1[5]), of input2 from i2 on at stride t2. RUN is a macro
 * or a static inline function, so that each kernel's run is inlined. */
#define TFLM_BROADCAST_FOR_EACH_RUN(bc, RUN, ...)                                          \
    do {                                                                                  \
        const int32_t *d_ = (bc)->dims, *s1_ = (bc)->stride1, *s2_ = (bc)->stride2;       \
        size_t o_ = 0;                                                                    \
        for (int32_t a_ = 0; a_ < d_[0]; ++a_)                                            \
            for (int32_t b_ = 0; b_ < d_[1]; ++b_)                                        \
                for (int32_t c_ = 0; c_ < d_[2]; ++c_)                                    \
                    for (int32_t e_ = 0; e_ < d_[3]; ++e_)                                \
                        for (int32_t f_ = 0; f_ < d_[4]; ++f_) {                          \
                            RUN(__VA_ARGS__,                                              \
                                (size_t)(a_ * s1_[0] + b_ * s1_[1] + c_ * s1_[2] +        \
                                         e_ * s1_[3] + f_ * s1_[4]),                      \
                                (size_t)(a_ * s2_[0] + b_ * s2_[1] + c_ * s2_[2] +        \
                                         e_ * s2_[3] + f_ * s2_[4]),                      \
                                o_, d_[5], s1_[5], s2_[5]);                               \
                            o_ += (size_t)d_[5];                                          \
                        }                                                                 \
    } while (0)

/* Runs ELEMENT(i1, i2, o) over every output element in row-major order,
 * i1 and i2 being the matching element indices of the two inputs. A macro,
 * so that each kernel's element operation is inlined in the innermost loop. */
#define TFLM_BROADCAST_FOR_EACH(bc, ELEMENT) \
    TFLM_BROADCAST_FOR_EACH_RUN(bc, TFLM_BROADCAST_RUN_ELEMENTS_, ELEMENT)

/* One type's loop of an element-wise op: runs ELEMENT(i1, i2, o) over the
 * broadcast bc with in1_ and in2_ the data of tensors input1 and input2 as
 * const T *, and out_ the data of output as U *. */
#define TFLM_BINARY_LOOP(bc, T, U, input1, input2, output, ELEMENT) \
    do {                                                              \
        const T *in1_ = (const T *)(input1)->data;                    \
        const T *in2_ = (const T *)(input2)->data;                    \
        U *out_ = (U *)(output)->data;                                \
        TFLM_BROADCAST_FOR_EACH(bc, ELEMENT);                         \
    } while (0)

#define TFLM_BROADCAST_RUN_ELEMENTS_(ELEMENT, i1, i2, o, n, t1, t2) \
    do {                                                             \
        size_t j1_ = (i1), j2_ = (i2), k_ = (o);                     \
        for (int32_t g_ = 0; g_ < (n); ++g_) {                       \
            ELEMENT(j1_, j2_, k_);                                   \
            j1_ += (size_t)(t1);                                     \
            j2_ += (size_t)(t2);                                     \
            ++k_;                                                    \
        }                                                            \
    } while (0)

/* Iteration space of a three-input broadcast (SELECT_V2): the output's
 * dims right-aligned in TFLM_BROADCAST_MAX_DIMS and each input's element
 * strides along them (0 where it is broadcast). */
typedef struct tflm_broadcast3 {
    int32_t dims[TFLM_BROADCAST_MAX_DIMS];
    int32_t stride[3][TFLM_BROADCAST_MAX_DIMS];
} tflm_broadcast3;

/* Builds it for inputs of shapes shape[i] (rank[i] dims) and the output
 * shape out: false unless every output dim is the largest of the inputs'
 * (0 if one of them is 0) and every input dim is 1 or that, or a rank
 * exceeds the limit (TFLM's SELECT_V2 CheckBroadcastShape). */
bool tflm_broadcast3_init(const int32_t *const shape[3], const int32_t rank[3], const int32_t *out,
                          int32_t rank_out, tflm_broadcast3 *broadcast);

/* Runs ELEMENT(i0, i1, i2, o) over every output element in row-major
 * order, i0..i2 being the matching element indices of the three inputs. */
#define TFLM_BROADCAST3_FOR_EACH(bc, ELEMENT)                                             \
    do {                                                                                  \
        const int32_t *d_ = (bc)->dims;                                                   \
        size_t o_ = 0;                                                                    \
        int32_t c_[TFLM_BROADCAST_MAX_DIMS] = {0};                                        \
        size_t j_[3] = {0, 0, 0};                                                         \
        size_t count_ = 1;                                                                \
        for (int k_ = 0; k_ < TFLM_BROADCAST_MAX_DIMS; ++k_) {                            \
            count_ *= (size_t)d_[k_];                                                     \
        }                                                                                 \
        for (; o_ < count_; ++o_) {                                                       \
            ELEMENT(j_[0], j_[1], j_[2], o_);                                             \
            /* next coordinate, innermost first, moving each input's index */           \
            for (int k_ = TFLM_BROADCAST_MAX_DIMS - 1; k_ >= 0; --k_) {                   \
                for (int n_ = 0; n_ < 3; ++n_) {                                          \
                    j_[n_] += (size_t)(bc)->stride[n_][k_];                               \
                }                                                                         \
                if (++c_[k_] < d_[k_]) {                                                  \
                    break;                                                                \
                }                                                                         \
                for (int n_ = 0; n_ < 3; ++n_) {                                          \
                    j_[n_] -= (size_t)(bc)->stride[n_][k_] * (size_t)d_[k_];              \
                }                                                                         \
                c_[k_] = 0;                                                               \
            }                                                                             \
        }                                                                                 \
    } while (0)

/* A two-input element-wise node as its prepare found it. */
typedef struct tflm_binary_node {
    const tflm_tensor *input1, *input2, *output;
    tflm_type type;            /* of the inputs (and, for tflm_binary_prepare, the output) */
    int activation;            /* NONE, RELU, RELU_N1_TO_1 or RELU6 (tflm_binary_prepare) */
    float scale[3];            /* of input1, input2, output; 0 where absent */
    int32_t zero_point[3];
    bool quantized[3];         /* whether each has a scale */
    tflm_broadcast broadcast;
} tflm_binary_node;

/* The input checks of a two-input element-wise op, in this order: two
 * inputs and one output; an input type in supported_types (a mask of
 * 1 << TFLM_TYPE_*, listed for the error message in type_names, e.g.
 * "FLOAT32 or INT8"); a second input of the first one's type; input shapes
 * that broadcast to the output's. Fills *binary (but activation) with the
 * tensors' per-tensor quantization, or fails through tflm_fail. The
 * output's type is the caller's to check (comparisons give BOOL). */
tflm_status tflm_binary_prepare_inputs(tflm_context *ctx, const tflm_node *node,
                                       uint32_t supported_types, const char *type_names,
                                       tflm_binary_node *binary);

/* tflm_binary_prepare_inputs, then: an output of the inputs' type; a fused
 * activation (the op's fused_activation_function option) of NONE, RELU,
 * RELU_N1_TO_1 or RELU6; for INT8 and INT16, a scale on every tensor
 * ("quantized <op> needs scales on all tensors"). */
tflm_status tflm_binary_prepare(tflm_context *ctx, const tflm_node *node, int activation,
                                uint32_t supported_types, const char *type_names,
                                tflm_binary_node *binary);

/* For tflm_binary_prepare_broadcast: the output has the inputs' type. */
#define TFLM_BINARY_SAME_TYPE (-1)

/* The whole prepare of an op whose node data is its broadcast alone
 * (MAXIMUM, FLOOR_DIV, LOGICAL_AND, POW, ...): tflm_binary_prepare_inputs,
 * an output of type output_type (a TFLM_TYPE_* or TFLM_BINARY_SAME_TYPE),
 * then the tflm_broadcast in node->data. */
tflm_status tflm_binary_prepare_broadcast(tflm_context *ctx, tflm_node *node,
                                          uint32_t supported_types, const char *type_names,
                                          int output_type);

/* Whether two tensors have the same dims. */
bool tflm_same_shape(const tflm_tensor *a, const tflm_tensor *b);

/* Fails when an input of a plain int32 node is quantized, as TFLM's ADD,
 * SUB and DIV require ("INT32 <op> must not be quantized"). */
tflm_status tflm_binary_require_unquantized(tflm_context *ctx, const tflm_node *node,
                                            const tflm_binary_node *binary);

/* The clamp range of a fused activation on an int32 output (TFLM's
 * CalculateActivationRange<int32_t>): RELU [0, max], RELU6 [0, 6],
 * RELU_N1_TO_1 [-1, 1], NONE the whole range. */
tflm_activation tflm_activation_range_s32(int activation);

#endif /* TFLM_KERNELS_BINARY_COMMON_H */
