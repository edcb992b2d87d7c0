#include "quantize.h"

#include "exact_f64.h"
#include "fixed_point.h"
#include "quant_util.h"
#include "tflm/ops.h"

/* ---- Pure compute -------------------------------------------------------- */

double tflm_round_f64(double x)
{
    if (!(x > -4503599627370496.0 && x < 4503599627370496.0)) {
        return x; /* already an integer (|x| >= 2^52), an infinity or NaN */
    }
    double t = (double)(int64_t)x; /* truncated toward zero */
    const double d = x - t;        /* exact */
    if (d >= 0.5) {
        t += 1.0;
    } else if (d <= -0.5) {
        t -= 1.0;
    }
    return t;
}

/* (int32_t)round(x / scale) + zero_point clamped to [lo, hi]. The quotient is
 * taken in double, as TFLM and TF Lite do (QuantizationParams::scale is a
 * double): a float quotient can round onto a .5 tie the exact one misses, e.g.
 * 2.3779852f / 0.017169569f is 138.4999986 but 138.5f in float, which rounds up.
 * Values whose conversion is undefined in C++ (|round| >= 2^30 or NaN)
 * saturate; NaN goes to lo, as TFLM's x86 build produces for non-negative
 * zero points. */
static inline int32_t quantize_one(float x, float scale, int32_t zero_point, int32_t lo, int32_t hi)
{
    const double r = tflm_round_f64((double)x / (double)scale);
    if (r != r) {
        return lo;
    }
    if (r >= 1073741824.0) {
        return hi;
    }
    if (r <= -1073741824.0) {
        return lo;
    }
    const int32_t q = (int32_t)r + zero_point;
    return q < lo ? lo : (q > hi ? hi : q);
}

void tflm_quantize_f32_s8(const tflm_affine_quant *quant, int32_t count, const float *input, int8_t *output)
{
    const float scale = quant->scale;
    const int32_t zero_point = quant->zero_point;
    for (int32_t i = 0; i < count; ++i) {
        output[i] = (int8_t)quantize_one(input[i], scale, zero_point, INT8_MIN, INT8_MAX);
    }
}

void tflm_quantize_f32_s16(const tflm_affine_quant *quant, int32_t count, const float *input,
                           int16_t *output)
{
    const float scale = quant->scale;
    const int32_t zero_point = quant->zero_point;
    for (int32_t i = 0; i < count; ++i) {
        output[i] = (int16_t)quantize_one(input[i], scale, zero_point, INT16_MIN, INT16_MAX);
    }
}

bool tflm_requantize_params_init(float input_scale, int32_t input_zero_point, float output_scale,
                                 int32_t output_zero_point, tflm_requantize_params *params)
{
    /* (double)input_scale / (double)output_scale, as TFLM, from the bits. */
    const tflm_double effective_scale =
        tflm_f64_to_double(tflm_f64_div(tflm_f64_from_float(input_scale), tflm_f64_from_float(output_scale)));
    int shift;
    bool usable = tflm_quantize_multiplier(effective_scale, &params->multiplier, &shift);
    params->shift = shift;
    params->input_zero_point = input_zero_point;
    params->output_zero_point = output_zero_point;
    return usable;
}

/* Subtraction and addition wrap (uint32) so that int32 tensors with
 * extreme values stay defined; TFLM's int32 arithmetic is the same where
 * it does not overflow. */
#define TFLM_DEFINE_REQUANTIZE(NAME, IN_T, OUT_T, OUT_MIN, OUT_MAX)                                \
    void NAME(const tflm_requantize_params *p, int32_t count, const IN_T *input, OUT_T *output)    \
    {                                                                                              \
        const int32_t multiplier = p->multiplier;                                                  \
        const int shift = p->shift;                                                                \
        const int32_t input_zero_point = p->input_zero_point;                                      \
        const int32_t output_zero_point = p->output_zero_point;                                    \
        for (int32_t i = 0; i < count; ++i) {                                                      \
            const int32_t x = (int32_t)((uint32_t)(int32_t)input[i] - (uint32_t)input_zero_point); \
            const int32_t y = (int32_t)((uint32_t)tflm_multiply_by_quantized_multiplier(           \
                                            x, multiplier, shift) +                                \
                                        (uint32_t)output_zero_point);                              \
            output[i] = (OUT_T)(y < (OUT_MIN) ? (OUT_MIN) : (y > (OUT_MAX) ? (OUT_MAX) : y));      \
        }                                                                                          \
    }

TFLM_DEFINE_REQUANTIZE(tflm_requantize_s8_s8, int8_t, int8_t, INT8_MIN, INT8_MAX)
/* Cast: clang's freestanding <stdint.h> makes UINT8_MAX unsigned (255U). */
TFLM_DEFINE_REQUANTIZE(tflm_requantize_s8_u8, int8_t, uint8_t, 0, (int32_t)UINT8_MAX)
TFLM_DEFINE_REQUANTIZE(tflm_requantize_s8_s16, int8_t, int16_t, INT16_MIN, INT16_MAX)
TFLM_DEFINE_REQUANTIZE(tflm_requantize_s8_s32, int8_t, int32_t, INT32_MIN, INT32_MAX)
TFLM_DEFINE_REQUANTIZE(tflm_requantize_u8_s8, uint8_t, int8_t, INT8_MIN, INT8_MAX)
TFLM_DEFINE_REQUANTIZE(tflm_requantize_s16_s8, int16_t, int8_t, INT8_MIN, INT8_MAX)
TFLM_DEFINE_REQUANTIZE(tflm_requantize_s16_s16, int16_t, int16_t, INT16_MIN, INT16_MAX)
TFLM_DEFINE_REQUANTIZE(tflm_requantize_s16_s32, int16_t, int32_t, INT32_MIN, INT32_MAX)
TFLM_DEFINE_REQUANTIZE(tflm_requantize_s32_s8, int32_t, int8_t, INT8_MIN, INT8_MAX)
TFLM_DEFINE_REQUANTIZE(tflm_requantize_s32_s16, int32_t, int16_t, INT16_MIN, INT16_MAX)

/* ---- QUANTIZE node glue ------------------------------------------------------ */

/* The conversions, by (input type, output type). */
typedef enum quantize_kind {
    Q_F32_S8, Q_F32_S16,
    Q_S8_S8, Q_S8_U8, Q_S8_S16, Q_S8_S32,
    Q_U8_S8,
    Q_S16_S8, Q_S16_S16, Q_S16_S32,
    Q_S32_S8, Q_S32_S16
} quantize_kind;

typedef struct quantize_op_data {
    quantize_kind kind;
    int32_t count;
    tflm_affine_quant affine;
    tflm_requantize_params requantize;
} quantize_op_data;

static int quantize_kind_of(uint8_t in, uint8_t out)
{
    static const struct { uint8_t in, out; quantize_kind kind; } table[] = {
        {TFLM_TYPE_FLOAT32, TFLM_TYPE_INT8, Q_F32_S8}, {TFLM_TYPE_FLOAT32, TFLM_TYPE_INT16, Q_F32_S16},
        {TFLM_TYPE_INT8, TFLM_TYPE_INT8, Q_S8_S8},     {TFLM_TYPE_INT8, TFLM_TYPE_UINT8, Q_S8_U8},
        {TFLM_TYPE_INT8, TFLM_TYPE_INT16, Q_S8_S16},   {TFLM_TYPE_INT8, TFLM_TYPE_INT32, Q_S8_S32},
        {TFLM_TYPE_UINT8, TFLM_TYPE_INT8, Q_U8_S8},    {TFLM_TYPE_INT16, TFLM_TYPE_INT8, Q_S16_S8},
        {TFLM_TYPE_INT16, TFLM_TYPE_INT16, Q_S16_S16}, {TFLM_TYPE_INT16, TFLM_TYPE_INT32, Q_S16_S32},
        {TFLM_TYPE_INT32, TFLM_TYPE_INT8, Q_S32_S8},   {TFLM_TYPE_INT32, TFLM_TYPE_INT16, Q_S32_S16},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; ++i) {
        if (table[i].in == in && table[i].out == out) {
            return (int)table[i].kind;
        }
    }
    return -1;
}

static tflm_status quantize_prepare(tflm_context *ctx, tflm_node *node)
{
    if (node->inputs->size != 1 || node->outputs->size != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 1 input and 1 output, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    const tflm_tensor *output = tflm_output(ctx, node, 0);
    if (input == NULL || output == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input or output tensor missing");
    }
    const int kind = quantize_kind_of(input->type, output->type);
    if (kind < 0) {
        return tflm_fail(ctx, TFLM_ERROR_UNSUPPORTED, "conversion from %s to %s not supported",
                         tflm_type_name_of(input->type), tflm_type_name_of(output->type));
    }
    const int32_t count = tflm_element_count(input);
    if (tflm_element_count(output) != count) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "output has %d elements; input has %d",
                         (int)tflm_element_count(output), (int)count);
    }
    tflm_quantization oq;
    tflm_tensor_quantization(ctx, output, &oq);
    if (oq.scales == NULL || oq.scale_count != 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "output needs exactly one quantization scale (per-tensor), has %u",
                         (unsigned)oq.scale_count);
    }
    float out_scale, in_scale;
    int32_t out_zp, in_zp;
    tflm_per_tensor_quantization(ctx, output, &out_scale, &out_zp);
    quantize_op_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    data->kind = (quantize_kind)kind;
    data->count = count;
    data->affine.scale = out_scale;
    data->affine.zero_point = out_zp;
    if (input->type != TFLM_TYPE_FLOAT32) {
        if (!tflm_per_tensor_quantization(ctx, input, &in_scale, &in_zp)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "%s input has no quantization scale",
                             tflm_type_name_of(input->type));
        }
        if (!tflm_requantize_params_init(in_scale, in_zp, out_scale, out_zp, &data->requantize)) {
            return tflm_fail(ctx, TFLM_ERROR_KERNEL, "input scale / output scale is 2^31 or more");
        }
    }
    node->data = data;
    return TFLM_OK;
}

static tflm_status quantize_invoke(tflm_context *ctx, tflm_node *node)
{
    const quantize_op_data *d = node->data;
    const void *in = tflm_input(ctx, node, 0)->data;
    void *out = tflm_output(ctx, node, 0)->data;
    const tflm_requantize_params *r = &d->requantize;
    switch (d->kind) {
    case Q_F32_S8: tflm_quantize_f32_s8(&d->affine, d->count, in, out); break;
    case Q_F32_S16: tflm_quantize_f32_s16(&d->affine, d->count, in, out); break;
    case Q_S8_S8: tflm_requantize_s8_s8(r, d->count, in, out); break;
    case Q_S8_U8: tflm_requantize_s8_u8(r, d->count, in, out); break;
    case Q_S8_S16: tflm_requantize_s8_s16(r, d->count, in, out); break;
    case Q_S8_S32: tflm_requantize_s8_s32(r, d->count, in, out); break;
    case Q_U8_S8: tflm_requantize_u8_s8(r, d->count, in, out); break;
    case Q_S16_S8: tflm_requantize_s16_s8(r, d->count, in, out); break;
    case Q_S16_S16: tflm_requantize_s16_s16(r, d->count, in, out); break;
    case Q_S16_S32: tflm_requantize_s16_s32(r, d->count, in, out); break;
    case Q_S32_S8: tflm_requantize_s32_s8(r, d->count, in, out); break;
    case Q_S32_S16: tflm_requantize_s32_s16(r, d->count, in, out); break;
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_quantize = {
    .builtin_code = TFLM_BUILTIN_QUANTIZE,
    .custom_name = NULL,
    .name = "QUANTIZE",
    .prepare = quantize_prepare,
    .invoke = quantize_invoke,
    .output_aliases_input = false,
};
