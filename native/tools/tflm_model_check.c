/*
 * tflm_model_check - the build machine's side of TFLM_VERIFY=build-time
 * (tflm/verified_models.h): verifies a .tflite model with the runtime's
 * complete verifier and writes the entry of tflm_verified_models that lets
 * a board built without the verifier accept exactly those bytes.
 *
 *   tflm_model_check <model.tflite> [<out.inc>]
 *
 * Prints (or writes to out.inc) one initializer line,
 *   {18800u, 0x1234abcdu}, // <model.tflite>
 * and exits 0; a model the verifier refuses exits 1 with its message, so
 * the firmware's build stops there, not the board at run time.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/model_verifier.h"
#include "tflm/verified_models.h"

static unsigned char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    unsigned char *data = NULL;
    long length = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (length >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        data = malloc(length > 0 ? (size_t)length : 1);
        if (data != NULL && fread(data, 1, (size_t)length, f) != (size_t)length) {
            free(data);
            data = NULL;
        }
    }
    fclose(f);
    *size = length > 0 ? (size_t)length : 0;
    return data;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: tflm_model_check <model.tflite> [<out.inc>]\n");
        return 2;
    }
    const char *path = argv[1];
    size_t size;
    unsigned char *model = read_file(path, &size);
    if (model == NULL) {
        fprintf(stderr, "tflm_model_check: cannot read %s\n", path);
        return 1;
    }
    char message[TFLM_ERROR_MESSAGE_CAPACITY];
    tflm_status status = tflm_verify_model(model, size, message);
    if (status != TFLM_OK) {
        fprintf(stderr, "tflm_model_check: %s: %s\n", path, message);
        free(model);
        return 1;
    }
    const uint32_t crc = tflm_crc32(model, size);
    free(model);
    FILE *out = argc == 3 ? fopen(argv[2], "w") : stdout;
    if (out == NULL) {
        fprintf(stderr, "tflm_model_check: cannot write %s\n", argv[2]);
        return 1;
    }
    fprintf(out, "{%luu, 0x%08lxu}, // %s\n", (unsigned long)size, (unsigned long)crc, path);
    return (out != stdout ? fclose(out) : fflush(out)) == 0 ? 0 : 1;
}
