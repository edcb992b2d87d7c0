#include "strided_copy.h"

#include <stddef.h>
#include <string.h>

void tflm_strided_copy_init(tflm_strided_copy *copy, uint32_t element_size)
{
    memset(copy, 0, sizeof *copy);
    copy->element_size = element_size;
}

bool tflm_strided_copy_axis(tflm_strided_copy *copy, int32_t size, int32_t src_stride,
                            int32_t dst_stride)
{
    if (size == 0) {
        copy->empty = true;
        return true;
    }
    if (size == 1) {
        return true; /* index 0 only: moves nothing */
    }
    const int32_t last = copy->rank - 1;
    if (last >= 0 && (int64_t)copy->src_stride[last] == (int64_t)src_stride * size &&
        (int64_t)copy->dst_stride[last] == (int64_t)dst_stride * size &&
        (int64_t)copy->dims[last] * size <= INT32_MAX) {
        /* The outer axis steps over exactly this one in both tensors. */
        copy->dims[last] *= size;
        copy->src_stride[last] = src_stride;
        copy->dst_stride[last] = dst_stride;
        return true;
    }
    if (copy->rank == TFLM_STRIDED_COPY_MAX_DIMS) {
        return false;
    }
    copy->dims[copy->rank] = size;
    copy->src_stride[copy->rank] = src_stride;
    copy->dst_stride[copy->rank] = dst_stride;
    copy->rank++;
    return true;
}

/* n elements of size bytes, src_step and dst_step bytes apart. Fixed sizes
 * let the compiler turn each memcpy into one load and one store. */
static void copy_row(uint8_t *dst, const uint8_t *src, int32_t n, ptrdiff_t src_step,
                     ptrdiff_t dst_step, uint32_t size)
{
    if (src_step == (ptrdiff_t)size && dst_step == (ptrdiff_t)size) {
        memcpy(dst, src, (size_t)n * size);
        return;
    }
#define COPY_ROW(BYTES)                         \
    for (int32_t i = 0; i < n; ++i) {           \
        memcpy(dst, src, BYTES);                \
        src += src_step;                        \
        dst += dst_step;                        \
    }
    switch (size) {
    case 1: COPY_ROW(1) break;
    case 2: COPY_ROW(2) break;
    case 4: COPY_ROW(4) break;
    case 8: COPY_ROW(8) break;
    default: COPY_ROW(size) break;
    }
#undef COPY_ROW
}

void tflm_strided_copy_run(const tflm_strided_copy *copy, const void *src, void *dst)
{
    if (copy->empty) {
        return;
    }
    const uint8_t *in = src;
    uint8_t *out = dst;
    const ptrdiff_t size = (ptrdiff_t)copy->element_size;
    if (copy->rank == 0) {
        memcpy(out + copy->dst_offset * size, in + copy->src_offset * size, (size_t)size);
        return;
    }
    /* Positions are element indices, not pointers: an axis's last step may
     * lead outside the tensors before it is undone. */
    const int32_t inner = copy->rank - 1;
    ptrdiff_t src_pos = copy->src_offset, dst_pos = copy->dst_offset;
    int32_t index[TFLM_STRIDED_COPY_MAX_DIMS] = {0};
    for (;;) {
        copy_row(out + dst_pos * size, in + src_pos * size, copy->dims[inner],
                 copy->src_stride[inner] * size, copy->dst_stride[inner] * size,
                 copy->element_size);
        int32_t axis = inner - 1;
        for (; axis >= 0; --axis) {
            src_pos += copy->src_stride[axis];
            dst_pos += copy->dst_stride[axis];
            if (++index[axis] < copy->dims[axis]) {
                break;
            }
            src_pos -= (ptrdiff_t)copy->src_stride[axis] * copy->dims[axis];
            dst_pos -= (ptrdiff_t)copy->dst_stride[axis] * copy->dims[axis];
            index[axis] = 0;
        }
        if (axis < 0) {
            return;
        }
    }
}

void tflm_copy_part(const void *src, void *dst, uint32_t element_size, int32_t outer,
                    int32_t part, int32_t whole, int32_t at, bool to_whole)
{
    tflm_strided_copy copy;
    tflm_strided_copy_init(&copy, element_size);
    if (to_whole) {
        copy.dst_offset = at;
        tflm_strided_copy_axis(&copy, outer, part, whole);
    } else {
        copy.src_offset = at;
        tflm_strided_copy_axis(&copy, outer, whole, part);
    }
    tflm_strided_copy_axis(&copy, part, 1, 1);
    tflm_strided_copy_run(&copy, src, dst);
}

void tflm_row_major_strides(const tflm_int_array *dims, int32_t *strides)
{
    int32_t stride = 1;
    for (int32_t i = dims->size - 1; i >= 0; --i) {
        strides[i] = stride;
        stride *= dims->data[i];
    }
}

void tflm_fill_elements(void *dst, const void *value, uint32_t element_size, int32_t count)
{
    if (count <= 0) {
        return;
    }
    uint8_t *out = dst;
    const size_t total = (size_t)count * element_size;
    memcpy(out, value, element_size);
    /* Doubling: each memcpy copies everything written so far. */
    size_t done = element_size;
    while (done < total) {
        const size_t chunk = done < total - done ? done : total - done;
        memcpy(out + done, out, chunk);
        done += chunk;
    }
}
