/* resolver.c - tflm_op_resolver_* of tflm.h, and resolver.h. */
#include "core/resolver.h"

#include <stdint.h>

/* Whether the NUL-terminated s equals name[0..name_length). */
static bool same_name(const char *s, const char *name, size_t name_length)
{
    if (s == NULL) {
        return false;
    }
    size_t i = 0;
    while (i < name_length && s[i] != '\0' && s[i] == name[i]) {
        i++;
    }
    return i == name_length && s[i] == '\0';
}

static size_t name_length(const char *s)
{
    size_t n = 0;
    while (s != NULL && s[n] != '\0') {
        n++;
    }
    return n;
}

const tflm_kernel *tflm_resolver_find(const tflm_op_resolver *resolver, int32_t builtin_code,
                                      const char *name, size_t length)
{
    const tflm_kernel *const *kernels = resolver->kernels;
    for (uint32_t i = 0; i < resolver->count; i++) {
        const tflm_kernel *kernel = kernels[i];
        if (kernel->builtin_code != builtin_code) {
            continue;
        }
        if (builtin_code != TFLM_BUILTIN_CUSTOM || same_name(kernel->custom_name, name, length)) {
            return kernel;
        }
    }
    return NULL;
}

void tflm_op_resolver_init(tflm_op_resolver *resolver, const tflm_kernel **storage,
                           size_t capacity)
{
    if (resolver != NULL) {
        resolver->kernels = storage;
        resolver->capacity = capacity > UINT32_MAX ? UINT32_MAX : (uint32_t)capacity;
        resolver->count = 0;
    }
}

tflm_status tflm_op_resolver_add(tflm_op_resolver *resolver, const tflm_kernel *kernel)
{
    if (resolver == NULL || kernel == NULL || kernel->invoke == NULL ||
        (kernel->builtin_code == TFLM_BUILTIN_CUSTOM && kernel->custom_name == NULL)) {
        return TFLM_ERROR_INVALID_ARGUMENT;
    }
    if (tflm_resolver_find(resolver, kernel->builtin_code, kernel->custom_name,
                           name_length(kernel->custom_name)) != NULL) {
        return TFLM_ERROR_INVALID_ARGUMENT; /* the first one registered wins */
    }
    if (resolver->count >= resolver->capacity || resolver->kernels == NULL) {
        return TFLM_ERROR_RESOLVER_FULL; /* no storage is no room */
    }
    resolver->kernels[resolver->count++] = kernel;
    return TFLM_OK;
}

int tflm_op_resolver_supports(const tflm_op_resolver *resolver, int32_t builtin_code,
                              const char *custom_name)
{
    return resolver != NULL &&
           tflm_resolver_find(resolver, builtin_code, custom_name, name_length(custom_name)) != NULL;
}
