/*
 * fake_kernels.h - test-only kernels for every op of the shared models, so
 * the core's tests run the interpreter without the real kernels. Each one:
 *   prepare: reads every tensor, quantization and options field through
 *            kernel.h (hostile models reach these accessors), keeps 16
 *            bytes of persistent data and asks for 64 bytes of scratch;
 *   invoke:  fills its scratch, and fills every output with the first byte
 *            of input 0 plus one (nothing when the output aliases the
 *            input), and the variable inputs with 0x55.
 */
#ifndef TFLM_TESTS_FAKE_KERNELS_H
#define TFLM_TESTS_FAKE_KERNELS_H

#include <string.h>

#include "tflm/kernel.h"

enum { FAKE_SCRATCH_BYTES = 64 };

typedef struct fake_data {
    int32_t scratch;
    uint32_t checksum; /* keeps the accessor reads observable */
} fake_data;

/* Float bits, so no float-to-int conversion can overflow. */
static uint32_t fake_bits(float value)
{
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

static void fake_read_tensor(tflm_context *ctx, const tflm_tensor *t, uint32_t *checksum)
{
    if (t == NULL) {
        return;
    }
    tflm_quantization q;
    tflm_tensor_quantization(ctx, t, &q);
    *checksum += (uint32_t)tflm_element_count(t) + q.scale_count + q.zero_point_count;
    if (q.scale_count > 0) {
        *checksum += fake_bits(q.scales[q.scale_count - 1]);
    }
    if (q.zero_point_count > 0) {
        *checksum += (uint32_t)q.zero_points[q.zero_point_count - 1];
    }
}

static tflm_status fake_prepare(tflm_context *ctx, tflm_node *node)
{
    fake_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    for (int i = 0; i < node->inputs->size; i++) {
        fake_read_tensor(ctx, tflm_input(ctx, node, i), &data->checksum);
    }
    for (int i = 0; i < node->outputs->size; i++) {
        fake_read_tensor(ctx, tflm_output(ctx, node, i), &data->checksum);
    }
    for (int field = 0; field < 12; field++) {
        uint8_t type = node->options_type;
        data->checksum += (uint32_t)tflm_option_int32(ctx, node, type, field, 0);
        data->checksum += (uint32_t)tflm_option_int8(ctx, node, type, field, 0);
        data->checksum += tflm_option_bool(ctx, node, type, field, false);
        data->checksum += fake_bits(tflm_option_float(ctx, node, type, field, 0.0f));
        const tflm_int_array *v = tflm_option_int_vector(ctx, node, type, field);
        for (int32_t i = 0; v != NULL && i < v->size; i++) {
            data->checksum += (uint32_t)v->data[i];
        }
    }
    return tflm_request_scratch(ctx, FAKE_SCRATCH_BYTES, &data->scratch);
}

static tflm_status fake_invoke(tflm_context *ctx, tflm_node *node)
{
    const fake_data *data = node->data;
    uint8_t *scratch = tflm_scratch(ctx, data->scratch);
    if (scratch == NULL) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "no scratch");
    }
    memset(scratch, 0xab, FAKE_SCRATCH_BYTES);
    const tflm_tensor *input = tflm_input(ctx, node, 0);
    int value = input != NULL && input->bytes > 0 ? ((const uint8_t *)input->data)[0] + 1 : 1;
    for (int i = 0; i < node->outputs->size; i++) {
        tflm_tensor *output = tflm_output(ctx, node, i);
        if (input == NULL || output->data != input->data) {
            memset(output->data, value, output->bytes);
        }
    }
    for (int i = 0; i < node->inputs->size; i++) {
        tflm_tensor *t = tflm_input(ctx, node, i);
        if (t != NULL && t->is_variable) {
            memset(t->data, 0x55, t->bytes);
        }
    }
    return TFLM_OK;
}

#define FAKE_BUILTIN(code, alias) {code, NULL, #code, fake_prepare, fake_invoke, alias, NULL}
#define FAKE_CUSTOM(name) {TFLM_BUILTIN_CUSTOM, name, name, fake_prepare, fake_invoke, false, NULL}

static const tflm_kernel fake_kernels[] = {
    FAKE_BUILTIN(0, false),  FAKE_BUILTIN(1, false),  FAKE_BUILTIN(2, false),
    FAKE_BUILTIN(3, false),  FAKE_BUILTIN(4, false),  FAKE_BUILTIN(6, false),
    FAKE_BUILTIN(9, false),  FAKE_BUILTIN(17, false), FAKE_BUILTIN(18, false),
    FAKE_BUILTIN(22, true),  FAKE_BUILTIN(25, false), FAKE_BUILTIN(27, false),
    FAKE_BUILTIN(42, false), FAKE_BUILTIN(45, false), FAKE_BUILTIN(53, false),
    FAKE_BUILTIN(55, false), FAKE_BUILTIN(57, false), FAKE_BUILTIN(114, false),
    FAKE_CUSTOM("SignalWindow"),          FAKE_CUSTOM("SignalFftAutoScale"),
    FAKE_CUSTOM("SignalRfft"),            FAKE_CUSTOM("SignalEnergy"),
    FAKE_CUSTOM("SignalFilterBank"),      FAKE_CUSTOM("SignalFilterBankSquareRoot"),
    FAKE_CUSTOM("SignalFilterBankSpectralSubtraction"), FAKE_CUSTOM("SignalPCAN"),
    FAKE_CUSTOM("SignalFilterBankLog"),
};

#define FAKE_KERNEL_COUNT (sizeof fake_kernels / sizeof fake_kernels[0])

/* Adds every fake kernel to a resolver with room for them. */
static void fake_add_kernels(tflm_op_resolver *resolver)
{
    for (size_t i = 0; i < sizeof fake_kernels / sizeof fake_kernels[0]; i++) {
        tflm_op_resolver_add(resolver, &fake_kernels[i]);
    }
}

/* Registers every fake kernel, keeping them in storage (inline: a test
 * that registers more kernels calls fake_add_kernels instead). */
static inline void fake_resolver(tflm_op_resolver *resolver, const tflm_kernel *storage[FAKE_KERNEL_COUNT])
{
    tflm_op_resolver_init(resolver, storage, FAKE_KERNEL_COUNT);
    fake_add_kernels(resolver);
}

#endif /* TFLM_TESTS_FAKE_KERNELS_H */
