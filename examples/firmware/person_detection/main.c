/*
 * person_detection - TFLM's visual wake words model on the two 96x96
 * grayscale test images compiled in (person.bmp, no_person.bmp): each BMP's
 * pixel rows, top to bottom, go unchanged into the int8 input; output 1 is
 * "person", 0 "no person".
 */
#include <stdint.h>
#include <string.h>

#include "board.h"
#include "fw_print.h"
#include "fw_tensor.h"
#include "no_person_bmp.h"
#include "person_bmp.h"
#include "person_detect_model.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"

static uint8_t arena[FW_ARENA_BYTES] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));

static uint32_t read_le(const uint8_t *bytes, int count)
{
    uint32_t value = 0;
    for (int i = count - 1; i >= 0; --i) {
        value = value << 8 | bytes[i];
    }
    return value;
}

/* Copies an 8-bit BMP's pixels, rows top to bottom, into out (size bytes).
 * Returns 0 unless the file is such a BMP of exactly that many pixels. */
static int bmp_pixels(const uint8_t *bmp, size_t bmp_size, uint8_t *out, size_t size)
{
    if (bmp_size < 54 || bmp[0] != 'B' || bmp[1] != 'M' || read_le(bmp + 28, 2) != 8) {
        return 0;
    }
    uint32_t offset = read_le(bmp + 10, 4);
    int32_t width = (int32_t)read_le(bmp + 18, 4);
    int32_t height = (int32_t)read_le(bmp + 22, 4);
    int bottom_up = height > 0;
    uint32_t rows = (uint32_t)(bottom_up ? height : -height);
    uint32_t stride = ((uint32_t)width + 3u) & ~3u;
    if (width <= 0 || (size_t)width * rows != size || offset + (size_t)stride * rows > bmp_size) {
        return 0;
    }
    for (uint32_t r = 0; r < rows; ++r) {
        uint32_t stored = bottom_up ? rows - 1 - r : r;
        memcpy(out + (size_t)r * (uint32_t)width, bmp + offset + (size_t)stored * stride,
               (size_t)width);
    }
    return 1;
}

static int classify(tflm_interpreter *interp, const char *name, const uint8_t *bmp, size_t size)
{
    tflm_tensor_info in, out;
    tflm_interpreter_input(interp, 0, &in);
    if (!bmp_pixels(bmp, size, in.data, in.bytes)) {
        return fw_fail(name, "not an 8-bit BMP of the input's size");
    }
    if (tflm_interpreter_invoke(interp) != TFLM_OK) {
        return fw_fail("invoke", tflm_interpreter_error_message(interp));
    }
    tflm_interpreter_output(interp, 0, &out);
    const int8_t *scores = out.data;
    fw_print(name);
    fw_print(": person ");
    fw_print_int(scores[1]);
    fw_print(" no_person ");
    fw_print_int(scores[0]);
    fw_print(scores[1] > scores[0] ? " -> person\n" : " -> no person\n");
    return 0;
}

int main(void)
{
    const tflm_kernel *kernels[5];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, kernels, 5);
    tflm_op_resolver_add(&ops, &tflm_op_average_pool_2d);
    tflm_op_resolver_add(&ops, &tflm_op_conv_2d);
    tflm_op_resolver_add(&ops, &tflm_op_depthwise_conv_2d);
    tflm_op_resolver_add(&ops, &tflm_op_reshape);
    tflm_op_resolver_add(&ops, &tflm_op_softmax);

    tflm_interpreter *interp;
    tflm_error error;
    if (tflm_interpreter_create(&interp, person_detect_model, person_detect_model_size, &ops, arena,
                                sizeof arena, &error) != TFLM_OK) {
        return fw_fail("create", error.message);
    }
    uint64_t start = board_time_us();
    int failed = classify(interp, "person.bmp", person_bmp, person_bmp_size) ||
                 classify(interp, "no_person.bmp", no_person_bmp, no_person_bmp_size);
    uint64_t elapsed = board_time_us() - start;
    if (failed) {
        return 1;
    }
    fw_print("# arena ");
    fw_print_uint(tflm_interpreter_arena_used(interp));
    fw_print(" bytes, two invokes ");
    fw_print_uint(elapsed);
    fw_print(" us\n");
    return 0;
}
