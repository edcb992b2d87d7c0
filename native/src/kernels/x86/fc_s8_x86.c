/*
 * fc_s8_x86.c - FULLY_CONNECTED int8 on x86-64: the variant table, the
 * per-row bias the variants add, and the prepare-time glue (plain C; the
 * variants are s8_fc_*.c, compiled for their ISA).
 *
 * The variants read the model's weights in their own [units][depth] layout
 * (no packed copy in the arena: the op costs 4 bytes per unit of persistent
 * memory and one converted input row of scratch). Exactness: the reference
 * sums (w + filter_offset) * (x + input_offset) wrapping in int32, then adds
 * the bias. Expanded,
 *   sum (w + fo)(x + io) = sum w * (x + io) + fo * sum (x + io),
 * and for the VNNI variant, which multiplies u = x + 128 (vpdpbusd takes
 * unsigned x signed bytes),
 *   sum w * (x + io) = sum w * u + (io - 128) * sum w.
 * The row sums of w are constant: folded into the bias once; the input sum
 * (only when fo != 0) once per batch. All of it is modulo 2^32, like the
 * reference's wrapping sum, so any order gives the same int32.
 */
#include <string.h>

#include "x86_kernels.h"

typedef struct fc_s8_variant {
    tflm_fc_s8_x86_fn run;
    int32_t depth_step;   /* the converted input row is padded to a multiple  */
    int32_t element_size; /* 1: uint8 (x + 128); 2: int16 (x + input_offset)  */
} fc_s8_variant;

static const fc_s8_variant *variant_for(tflm_isa isa)
{
    static const fc_s8_variant table[] = {
        [TFLM_ISA_BEST] = {NULL, 0, 0},
        [TFLM_ISA_SCALAR] = {NULL, 0, 0},
        [TFLM_ISA_AVX2] = {tflm_s8_fc_8x16__avx2, 16, 2},
        [TFLM_ISA_AVX512] = {tflm_s8_fc_8x16__avx2, 16, 2},
        [TFLM_ISA_AVX512_VNNI] = {tflm_s8_fc_8x64__avx512vnni, 64, 1},
    };
    if ((int)isa < 0 || (size_t)isa >= sizeof table / sizeof table[0] || table[isa].run == NULL) {
        return NULL;
    }
    return &table[isa];
}

size_t tflm_fc_s8_x86_persistent_size(tflm_isa isa, int32_t units)
{
    return variant_for(isa) == NULL || units <= 0 ? 0 : (size_t)units * sizeof(int32_t);
}

size_t tflm_fc_s8_x86_get_buffer_size(tflm_isa isa, int32_t depth)
{
    const fc_s8_variant *v = variant_for(isa);
    if (v == NULL) {
        return 0;
    }
    const size_t padded = ((size_t)depth + (size_t)v->depth_step - 1) / (size_t)v->depth_step *
                          (size_t)v->depth_step;
    return padded * (size_t)v->element_size;
}

/* The bias each row adds: the model's, plus (io - 128) * (row sum of w)
 * for the uint8 variant. */
static void fold_bias(tflm_fc_s8_x86 *p)
{
    int32_t *bias = p->bias;
    for (int32_t o = 0; o < p->units; ++o) {
        uint32_t b = p->source_bias != NULL ? (uint32_t)p->source_bias[o] : 0;
        if (p->unsigned_input) {
            const int8_t *w = p->filter + (size_t)o * p->depth;
            uint32_t sum = 0;
            for (int32_t d = 0; d < p->depth; ++d) {
                sum += (uint32_t)(int32_t)w[d];
            }
            b += (uint32_t)(p->params.input_offset - 128) * sum;
        }
        bias[o] = (int32_t)b;
    }
    p->ready = true;
}

void tflm_fc_s8_x86_init(tflm_fc_s8_x86 *plan, tflm_isa isa, const tflm_fc_params *params,
                         const tflm_per_channel_quant *quant, int32_t batches, int32_t depth,
                         int32_t units, const int8_t *filter, const int32_t *bias,
                         void *persistent)
{
    const fc_s8_variant *v = variant_for(isa);
    memset(plan, 0, sizeof *plan);
    if (v == NULL || persistent == NULL || batches <= 0 || depth <= 0 || units <= 0) {
        return;
    }
    plan->run = v->run;
    plan->params = *params;
    plan->batches = batches;
    plan->depth = depth;
    plan->units = units;
    plan->filter = filter;
    plan->source_bias = bias;
    plan->bias = persistent;
    plan->multiplier = quant->multiplier;
    plan->shift = quant->shift;
    plan->unsigned_input = v->element_size == 1;
    plan->ready = false;
}

void tflm_fc_s8_x86_run(const tflm_fc_s8_x86 *plan, const int8_t *input, int8_t *output,
                        void *scratch)
{
    if (!plan->ready) { /* the plan lives in the interpreter's writable arena */
        fold_bias((tflm_fc_s8_x86 *)plan);
    }
    plan->run(plan, input, output, scratch);
}

tflm_status tflm_fc_s8_x86_setup(tflm_context *ctx, const tflm_fc_params *params,
                                 const tflm_per_channel_quant *quant, int32_t batches,
                                 int32_t depth, int32_t units, const tflm_tensor *filter,
                                 const tflm_tensor *bias, const tflm_fc_s8_x86 **plan,
                                 int32_t *scratch_index)
{
    *plan = NULL;
    const tflm_isa isa = tflm_kernel_isa(ctx);
    const size_t bytes = tflm_fc_s8_x86_persistent_size(isa, units);
    if (bytes == 0 || !filter->is_constant || (bias != NULL && !bias->is_constant)) {
        return TFLM_OK;
    }
    tflm_fc_s8_x86 *p = tflm_alloc_persistent(ctx, sizeof *p);
    void *memory = tflm_alloc_persistent(ctx, bytes);
    if (p == NULL || memory == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    tflm_status status =
        tflm_request_scratch(ctx, tflm_fc_s8_x86_get_buffer_size(isa, depth), scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    /* The row sums wait for the first run: creates that fail for want of
       arena (the arena sweep makes thousands) never read the weights. */
    tflm_fc_s8_x86_init(p, isa, params, quant, batches, depth, units, filter->data,
                        bias != NULL ? bias->data : NULL, memory);
    *plan = p;
    return TFLM_OK;
}
