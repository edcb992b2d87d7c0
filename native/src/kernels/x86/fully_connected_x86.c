/*
 * fully_connected_x86.c - FULLY_CONNECTED on x86-64: the variant hook
 * (variant.h), its tables, and the int8 plan with the per-row bias the
 * variants add (plain C; the variants are s8_fc_*.c and f32_fc_*.c,
 * compiled for their ISA).
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

#include "../nn_common.h"
#include "fully_connected_x86.h"
#include "x86_glue.h"

typedef struct fc_s8_variant {
    tflm_fc_s8_x86_fn run;
    int32_t depth_step;   /* the converted input row is padded to a multiple  */
    int32_t element_size; /* 1: uint8 (x + 128); 2: int16 (x + input_offset)  */
} fc_s8_variant;

static const fc_s8_variant *variant_for(tflm_isa isa)
{
    static const fc_s8_variant table[TFLM_X86_LEVELS] = {
        [TFLM_ISA_AVX2] = {tflm_s8_fc_8x16__avx2, 16, 2},
        [TFLM_ISA_AVX512] = {tflm_s8_fc_8x16__avx2, 16, 2},
        [TFLM_ISA_AVX512_VNNI] = {tflm_s8_fc_8x64__avx512vnni, 64, 1},
    };
    return tflm_x86_level(isa) && table[isa].run != NULL ? &table[isa] : NULL;
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
    plan->per_tensor = quant->per_tensor;
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

static const tflm_fc_f32_fn f32_variants[TFLM_X86_LEVELS] =
    TFLM_X86_FROM_AVX2(tflm_f32_fc_8x8__avx2);

tflm_fc_f32_fn tflm_fc_f32_x86_variant(tflm_isa isa)
{
    return tflm_x86_level(isa) ? f32_variants[isa] : NULL;
}

static tflm_status invoke_s8(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_fc_s8_x86 *p = plan;
    tflm_fc_s8_x86_run(p, tflm_input(ctx, node, 0)->data, tflm_output(ctx, node, 0)->data,
                       tflm_scratch(ctx, p->scratch_index));
    return TFLM_OK;
}

static tflm_status invoke_f32(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_fully_connected_data *data = node->data;
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    const tflm_fc_f32_fn *run = plan;
    const tflm_fc_shape shape = tflm_fully_connected_shape(t.filter, t.output);
    (*run)(&data->u.f.activation, &shape, t.input->data, t.filter->data,
           tflm_nn_bias_data(t.bias), t.output->data);
    return TFLM_OK;
}

/* The int8 plan: 4 bytes a unit of persistent memory and one converted
 * input row of scratch, with or without a filter zero point. */
static tflm_status setup_s8(tflm_context *ctx, const tflm_fully_connected_data *data,
                            const tflm_nn_operands *t, tflm_variant *variant)
{
    const tflm_isa isa = tflm_kernel_isa(ctx);
    const tflm_tensor *filter = t->filter, *bias = t->bias;
    const tflm_fc_shape shape = tflm_fully_connected_shape(filter, t->output);
    const int32_t batches = shape.batches, depth = shape.depth, units = shape.units;
    const size_t bytes = tflm_fc_s8_x86_persistent_size(isa, units);
    if (bytes == 0 || !tflm_x86_constant(filter, bias)) {
        return TFLM_OK;
    }
    void *plan, *memory;
    int32_t scratch_index;
    tflm_status status =
        tflm_x86_plan_memory(ctx, sizeof(tflm_fc_s8_x86), bytes,
                             tflm_fc_s8_x86_get_buffer_size(isa, depth), &plan, &memory,
                             &scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    tflm_fc_s8_x86 *p = plan;
    /* The row sums wait for the first run: creates that fail for want of
       arena (the arena sweep makes thousands) never read the weights. */
    const tflm_per_channel_quant quant = tflm_fully_connected_quant(data, units);
    tflm_fc_s8_x86_init(p, isa, &data->u.q.params, &quant, batches, depth, units, filter->data,
                        bias != NULL ? bias->data : NULL, memory);
    p->scratch_index = scratch_index;
    variant->invoke = invoke_s8;
    variant->plan = p;
    return TFLM_OK;
}

tflm_status tflm_fully_connected_variant(tflm_context *ctx, const tflm_node *node,
                                         const tflm_fully_connected_data *data,
                                         tflm_variant *variant)
{
    tflm_nn_operands t;
    tflm_nn_fetch_operands(ctx, node, &t);
    if (t.input->type == TFLM_TYPE_INT8) {
        return setup_s8(ctx, data, &t, variant);
    }
    const tflm_isa isa = tflm_kernel_isa(ctx);
    if (tflm_fc_f32_x86_variant(isa) != NULL) {
        variant->invoke = invoke_f32;
        variant->plan = &f32_variants[isa];
    }
    return TFLM_OK;
}

/* No x86 16x8 variant: the reference runs. */
tflm_status tflm_fully_connected_s16_variant(tflm_context *ctx, const tflm_node *node,
                                             const tflm_fully_connected_data *data,
                                             tflm_variant *variant)
{
    (void)ctx, (void)node, (void)data, (void)variant;
    return TFLM_OK;
}
