/*
 * svdf_x86.c - SVDF int8 with an int16 state on x86-64: the variant hook
 * (variant.h), the variant table and the per-unit bias the variant adds
 * (plain C; the variant is s8_s16_svdf_8x16__avx2.c, compiled for AVX2).
 *
 * The variant reads the model's weights and bias as they are. Exactness:
 * the reference sums, per filter,
 *   sum wt * (s - state_zp) = sum wt * s - state_zp * sum wt   (mod 2^32),
 * then adds the unit's rank filter sums and its bias, all wrapping in
 * int32, so any order gives the same int32. The variant multiplies the
 * int16 state as it is; for a state zero point other than 0 (TFLM's
 * converter gives 0) the constant state_zp * (row sums of weights_time)
 * is folded with the bias once per unit, in 4 bytes of persistent memory
 * per unit.
 */
#include <string.h>

#include "svdf_x86.h"
#include "x86_glue.h"

static tflm_svdf_s8_x86_fn variant_for(tflm_isa isa)
{
    /* The model sizes SVDF sees (memory 8..32, a few dozen filters) leave
       nothing for 512-bit vectors to win. */
    static const tflm_svdf_s8_x86_fn table[TFLM_X86_LEVELS] =
        TFLM_X86_FROM_AVX2(tflm_s8_s16_svdf_8x16__avx2);
    return tflm_x86_level(isa) ? table[isa] : NULL;
}

/* Shapes the variant takes, and zero points its int16 lanes hold: x -
 * input_zp is an int16 lane; state_zp only enters the folded bias, but
 * the reference's products need it in int16 too. */
static bool variant_fits(const tflm_svdf_params *params, const tflm_svdf_quant *quant)
{
    return params->batches > 0 && params->input_size > 0 && params->memory > 0 &&
           params->rank > 0 && params->filters >= params->rank &&
           params->filters % params->rank == 0 && quant->input_zero_point >= INT8_MIN &&
           quant->input_zero_point <= INT8_MAX && quant->state_zero_point >= INT16_MIN &&
           quant->state_zero_point <= INT16_MAX;
}

bool tflm_svdf_s8_x86_applies(tflm_isa isa, const tflm_svdf_params *params,
                              const tflm_svdf_quant *quant)
{
    return variant_for(isa) != NULL && variant_fits(params, quant);
}

size_t tflm_svdf_s8_x86_persistent_size(const tflm_svdf_params *params,
                                        const tflm_svdf_quant *quant)
{
    return quant->state_zero_point == 0 ? 0
                                        : (size_t)(params->filters / params->rank) * sizeof(int32_t);
}

size_t tflm_svdf_s8_x86_get_buffer_size(const tflm_svdf_params *params)
{
    return (size_t)params->filters * sizeof(int32_t) + (size_t)params->input_size * sizeof(int16_t);
}

/* folded[u] = bias[u] - state_zp * (sum of the weights_time rows of the
 * unit's rank filters), modulo 2^32. */
static void fold_bias(tflm_svdf_s8_x86 *p, int32_t *folded)
{
    const int32_t rank = p->params.rank, memory = p->params.memory;
    const int32_t units = p->params.filters / rank;
    const int16_t *wt = p->weights_time;
    for (int32_t u = 0; u < units; ++u) {
        uint32_t sum = 0;
        for (int32_t i = 0; i < rank * memory; ++i) {
            sum += (uint32_t)(int32_t)*wt++;
        }
        const uint32_t b = p->bias != NULL ? (uint32_t)p->bias[u] : 0;
        folded[u] = (int32_t)(b - (uint32_t)p->quant.state_zero_point * sum);
    }
    p->bias = folded;
    p->fold_into = NULL;
}

void tflm_svdf_s8_x86_init(tflm_svdf_s8_x86 *plan, tflm_isa isa, const tflm_svdf_params *params,
                           const tflm_svdf_quant *quant, const int8_t *weights_feature,
                           const int16_t *weights_time, const int32_t *bias, void *persistent)
{
    memset(plan, 0, sizeof *plan);
    if (!tflm_svdf_s8_x86_applies(isa, params, quant) ||
        (quant->state_zero_point != 0 && persistent == NULL)) {
        return;
    }
    plan->run = variant_for(isa);
    plan->params = *params;
    plan->quant = *quant;
    plan->weights_feature = weights_feature;
    plan->weights_time = weights_time;
    plan->bias = bias;
    plan->fold_into = quant->state_zero_point != 0 ? persistent : NULL;
}

void tflm_svdf_s8_x86_run(const tflm_svdf_s8_x86 *plan, const int8_t *input, int16_t *state,
                          int8_t *output, void *scratch)
{
    if (plan->fold_into != NULL) { /* the plan lives in the interpreter's writable arena */
        fold_bias((tflm_svdf_s8_x86 *)plan, plan->fold_into);
    }
    plan->run(plan, input, state, output, scratch);
}

static tflm_status invoke(tflm_context *ctx, tflm_node *node, const void *plan)
{
    const tflm_svdf_s8_x86 *p = plan;
    tflm_svdf_s8_x86_run(p, tflm_input(ctx, node, 0)->data, tflm_input(ctx, node, 4)->data,
                         tflm_output(ctx, node, 0)->data, tflm_scratch(ctx, p->scratch_index));
    return TFLM_OK;
}

/* A plan for int8 with an int16 state; it takes its own scratch (the
 * reference's is not requested then). */
tflm_status tflm_svdf_variant(tflm_context *ctx, const tflm_node *node,
                              const tflm_svdf_data *data, tflm_variant *variant)
{
    const tflm_isa isa = tflm_kernel_isa(ctx);
    const tflm_svdf_params shape = tflm_svdf_params_of(ctx, node);
    const tflm_svdf_params *params = &shape;
    const tflm_svdf_quant *quant = &data->u.quant;
    if (tflm_input(ctx, node, 0)->type != TFLM_TYPE_INT8 ||
        tflm_input(ctx, node, 4)->type != TFLM_TYPE_INT16 ||
        !tflm_svdf_s8_x86_applies(isa, params, quant)) {
        return TFLM_OK;
    }
    const tflm_tensor *weights_feature = tflm_input(ctx, node, 1);
    const tflm_tensor *weights_time = tflm_input(ctx, node, 2);
    const tflm_tensor *bias = tflm_input(ctx, node, 3);
    /* The plan keeps the weight and bias pointers it is given here; only
       constants have their data before the activations are placed. */
    if (!tflm_x86_constant(weights_feature, bias) || !weights_time->is_constant) {
        return TFLM_OK;
    }
    const size_t bytes = tflm_svdf_s8_x86_persistent_size(params, quant);
    void *plan, *memory;
    int32_t scratch_index;
    tflm_status status =
        tflm_x86_plan_memory(ctx, sizeof(tflm_svdf_s8_x86), bytes,
                             tflm_svdf_s8_x86_get_buffer_size(params), &plan, &memory,
                             &scratch_index);
    if (status != TFLM_OK) {
        return status;
    }
    /* The row sums wait for the first run: creates that fail for want of
       arena never read the weights. */
    tflm_svdf_s8_x86 *p = plan;
    tflm_svdf_s8_x86_init(p, isa, params, quant, weights_feature->data, weights_time->data,
                          bias != NULL ? bias->data : NULL, memory);
    p->scratch_index = scratch_index;
    variant->invoke = invoke;
    variant->plan = p;
    return TFLM_OK;
}
