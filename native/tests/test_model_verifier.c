/* Model verifier: every shared model verifies; targeted corruptions of
 * hello_world_int8 are rejected with messages naming what and where. */
#include "core/flatbuffer.h"
#include "core/model.h"
#include "core/model_verifier.h"
#include "shared_models.h"
#include "test.h"

static char message[TFLM_ERROR_MESSAGE_CAPACITY];

static void test_all_models_verify(void)
{
    for (size_t m = 0; m < SHARED_MODEL_COUNT; m++) {
        size_t size;
        uint8_t *model = load_shared_model(shared_model_names[m], &size);
        tflm_status status = tflm_verify_model(model, size, message);
        if (status != TFLM_OK) {
            fprintf(stderr, "%s: %s\n", shared_model_names[m], message);
        }
        CHECK_EQ_INT(TFLM_OK, status);
        free(model);
    }
}

/* Runs the verifier on a corrupted copy and checks status and message. */
static void expect(const uint8_t *model, size_t size, tflm_status status, const char *text)
{
    tflm_status got = tflm_verify_model(model, size, message);
    CHECK_EQ_INT(status, got);
    if (strstr(message, text) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", message, text);
        tflm_test_failures++;
    }
}

static void put_u32(uint8_t *buf, uint32_t pos, uint32_t value)
{
    memcpy(buf + pos, &value, 4);
}

static void test_corruptions(void)
{
    size_t size;
    uint8_t *original = load_shared_model("hello_world_int8", &size);
    uint8_t *model = alloc_exact(size);
    uint32_t sg = model_subgraph(original, 0);
    uint32_t tensors = fb_field_vector(original, sg, SUBGRAPH_TENSORS);
    uint32_t operators = fb_field_vector(original, sg, SUBGRAPH_OPERATORS);
    uint32_t op0 = fb_vector_table(original, operators, 0);
    uint32_t tensor0 = fb_vector_table(original, tensors, 0);
    uint32_t tensor2 = fb_vector_table(original, tensors, 2);

    memcpy(model, original, size);
    uint32_t inputs = fb_field_vector(model, op0, OPERATOR_INPUTS);
    put_u32(model, inputs + 4 + 4 * 1, 9999);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL,
           "operator 0 input 1: tensor index 9999 out of range (model has 10 tensors)");

    memcpy(model, original, size);
    put_u32(model, fb_field_vector(model, op0, OPERATOR_OUTPUTS) + 4, (uint32_t)-1);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "operator 0 output 0: tensor index -1");

    memcpy(model, original, size);
    put_u32(model, fb_field(model, tensor2, TENSOR_BUFFER), 40);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "tensor 2 (sequential/dense_2/MatMul): buffer 40 out of range");

    memcpy(model, original, size);
    model[fb_field(model, tensor0, TENSOR_TYPE)] = 42;
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "tensor 0 (serving_default_dense_input:0): type 42");

    memcpy(model, original, size);
    put_u32(model, fb_field_vector(model, tensor2, TENSOR_SHAPE) + 4, (uint32_t)-3);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "dimension 0 is negative (-3)");

    memcpy(model, original, size);
    put_u32(model, fb_field_vector(model, tensor2, TENSOR_SHAPE) + 8, 17);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "buffer 3 holds 16 bytes, shape needs 17");


    /* INT4 (type 17) packs two values a byte: 16 bytes hold 32 of them. */
    memcpy(model, original, size);
    model[fb_field(model, tensor2, TENSOR_TYPE)] = 17;
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "buffer 3 holds 16 bytes, shape needs 8");
    put_u32(model, fb_field_vector(model, tensor2, TENSOR_SHAPE) + 8, 32);
    CHECK_EQ_INT(TFLM_OK, tflm_verify_model(model, size, message));
    put_u32(model, fb_field_vector(model, tensor2, TENSOR_SHAPE) + 8, 31);
    CHECK_EQ_INT(TFLM_OK, tflm_verify_model(model, size, message));

    /* Nothing writes into constant data: operator outputs and subgraph
     * inputs are never constant (tensor 2 is a weight). */
    memcpy(model, original, size);
    put_u32(model, fb_field_vector(model, op0, OPERATOR_OUTPUTS) + 4, 2);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "operator 0 output 0: tensor 2 is constant");
    memcpy(model, original, size);
    put_u32(model, fb_field_vector(model, sg, SUBGRAPH_INPUTS) + 4, 2);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "input 0: tensor 2 is constant");

    /* Types the interpreter cannot hold: STRING (5), INT4 (17) activations. */
    memcpy(model, original, size);
    model[fb_field(model, tensor0, TENSOR_TYPE)] = 5;
    expect(model, size, TFLM_ERROR_UNSUPPORTED, "tensor type 5 (no fixed element size) is not supported");
    model[fb_field(model, tensor0, TENSOR_TYPE)] = 17;
    expect(model, size, TFLM_ERROR_UNSUPPORTED,
           "tensor 0 (serving_default_dense_input:0): INT4 tensors are supported as constant (packed) weights only");

    /* Zero points must be values of the tensor's type (int8 input here):
     * 127 and -128 pass, 128 and a large 64-bit value do not. */
    memcpy(model, original, size);
    uint32_t zero_point = fb_field_vector(model, fb_field_table(model, tensor0, TENSOR_QUANTIZATION),
                                          QUANTIZATION_ZERO_POINT) + 4;
    put_u32(model, zero_point, 127);
    put_u32(model, zero_point + 4, 0);
    CHECK_EQ_INT(TFLM_OK, tflm_verify_model(model, size, message));
    put_u32(model, zero_point, (uint32_t)-128);
    put_u32(model, zero_point + 4, (uint32_t)-1);
    CHECK_EQ_INT(TFLM_OK, tflm_verify_model(model, size, message));
    put_u32(model, zero_point, 128);
    put_u32(model, zero_point + 4, 0);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "tensor 0 (serving_default_dense_input:0): zero point 0 outside [-128, 127]");
    put_u32(model, zero_point, 0);
    put_u32(model, zero_point + 4, 1);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "zero point 0 outside");

    memcpy(model, original, size);
    put_u32(model, fb_field(model, model_root(model), MODEL_VERSION), 2);
    expect(model, size, TFLM_ERROR_UNSUPPORTED, "schema version 2");

    memcpy(model, original, size);
    memcpy(model + 4, "ABCD", 4);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "file identifier \"ABCD\" is not TFL3");

    memcpy(model, original, size);
    put_u32(model, fb_field(model, sg, SUBGRAPH_TENSORS), 0x7fffff00);
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "reading subgraph 0 field 0");

    memcpy(model, original, size);
    put_u32(model, tensors, 100000); /* the tensors vector's length */
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "model: truncated at offset");

    memcpy(model, original, size);
    model[fb_field(model, op0, OPERATOR_BUILTIN_OPTIONS_TYPE)] = 200;
    expect(model, size, TFLM_ERROR_MALFORMED_MODEL, "operator 0: options type 200 out of range");

    /* Misaligned constant data: the same model one byte further in memory. */
    uint8_t *shifted = alloc_exact(size + 16);
    memcpy(shifted + 1, original, size);
    expect(shifted + 1, size, TFLM_ERROR_MALFORMED_MODEL, "misaligned");
    free(shifted);

    expect(original, 7, TFLM_ERROR_MALFORMED_MODEL, "model: truncated at offset 7 reading the header");
    expect(original, size / 2, TFLM_ERROR_MALFORMED_MODEL, "model: ");
    free(model);
    free(original);
}

/* hello_world has one operator code, so its operators omit opcode_index
 * (default 0): corrupt it in a model where the field is stored. */
static void test_opcode_index(void)
{
    size_t size;
    uint8_t *model = load_shared_model("kws_ref_model", &size);
    uint32_t operators = fb_field_vector(model, model_subgraph(model, 0), SUBGRAPH_OPERATORS);
    for (uint32_t o = 0; o < fb_vector_length(model, operators); o++) {
        uint32_t field = fb_field(model, fb_vector_table(model, operators, o), OPERATOR_OPCODE_INDEX);
        if (field != 0) {
            put_u32(model, field, 77);
            char text[64];
            snprintf(text, sizeof text, "operator %u: operator code 77 out of range (model has 6", o);
            expect(model, size, TFLM_ERROR_MALFORMED_MODEL, text);
            break;
        }
    }
    free(model);
}

/* A zero dimension empties a tensor, but its other dimensions still
 * multiply to at most 2^31-1: kernels form partial products of them
 * (strides, outer and inner counts). kws_ref_model's input is 4-D. */
static void test_empty_tensor_bound(void)
{
    size_t size;
    uint8_t *model = load_shared_model("kws_ref_model", &size);
    uint32_t sg = model_subgraph(model, 0);
    uint32_t input = fb_i32(model, fb_field_vector(model, sg, SUBGRAPH_INPUTS) + 4);
    uint32_t shape = fb_field_vector(model, fb_vector_table(model, fb_field_vector(model, sg, SUBGRAPH_TENSORS), input),
                                     TENSOR_SHAPE);
    CHECK_EQ_INT(4, (int)fb_vector_length(model, shape));
    put_u32(model, shape + 4, 0);
    put_u32(model, shape + 8, 1);
    put_u32(model, shape + 12, 1);
    put_u32(model, shape + 16, INT32_MAX);
    CHECK_EQ_INT(TFLM_OK, tflm_verify_model(model, size, message));
    put_u32(model, shape + 12, 2);
    expect(model, size, TFLM_ERROR_UNSUPPORTED, "dimensions multiply to more than 2^31-1");
    free(model);
}

int main(void)
{
    require_shared_models();
    test_all_models_verify();
    test_corruptions();
    test_opcode_index();
    test_empty_tensor_bound();
    TEST_MAIN_END();
}
