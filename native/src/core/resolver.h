/*
 * resolver.h - finding the kernel for an operator of a model, whose custom
 * op names are not NUL-terminated (see tflm.h for the public calls).
 */
#ifndef TFLM_CORE_RESOLVER_H
#define TFLM_CORE_RESOLVER_H

#include <stddef.h>

#include "tflm/kernel.h"

/* The kernel registered for a builtin code, or for TFLM_BUILTIN_CUSTOM the
 * one whose custom_name equals name[0..name_length); NULL when none. */
const tflm_kernel *tflm_resolver_find(const tflm_op_resolver *resolver, int32_t builtin_code,
                                      const char *name, size_t name_length);

#endif /* TFLM_CORE_RESOLVER_H */
