/*
 * TFLite_Detection_PostProcess (TFLM's kernels/detection_postprocess.cc):
 * box decoding and fast or regular non-maximum suppression, FLOAT32 only,
 * as detection_postprocess.h specifies. Options, keyed as TFLM reads them:
 * max_detections, max_classes_per_detection, detections_per_class
 * (optional, 100), use_regular_nms (optional, false), nms_score_threshold,
 * nms_iou_threshold, num_classes, y_scale, x_scale, h_scale, w_scale.
 *
 * Prepare checks what TFLM's invoke checks (batch 1, score columns num_classes
 * or one more, an IoU threshold in (0, 1], a positive detections_per_class
 * or max_classes_per_detection for the NMS used) and what TFLM leaves to
 * the model: anchors [boxes, 4] and outputs holding the detections. The
 * work arrays are one scratch buffer, sized from the shapes: about
 * 30 bytes a box, plus 16 bytes a detection for regular NMS.
 */
#include "detection_postprocess.h"

#include <string.h>

#include "custom_options.h"
#include "f32_math.h"
#include "tflm/ops.h"

typedef struct corner_box {
    float ymin, xmin, ymax, xmax;
} corner_box;

/* ---- Sorting ----------------------------------------------------------------- */

/* The score of index among values stride apart (a class's column). */
#define SCORE(values, stride, index) ((values)[(size_t)(index) * (size_t)(stride)])

enum { SORT_RUN = 16 };

/* Sorts indices[0..n) by decreasing values[index * stride], stably (equal
 * values keep their order), as TFLM's DecreasingArgSort: insertion sort of
 * runs, then bottom-up merges through work (n entries). */
static void sort_decreasing(const float *values, int32_t stride, int32_t *indices, int32_t *work,
                            int32_t n)
{
    for (int32_t start = 0; start < n; start += SORT_RUN) {
        const int32_t end = n - start < SORT_RUN ? n : start + SORT_RUN;
        for (int32_t i = start + 1; i < end; i++) {
            const int32_t x = indices[i];
            const float v = SCORE(values, stride, x);
            int32_t j = i;
            for (; j > start && v > SCORE(values, stride, indices[j - 1]); j--) {
                indices[j] = indices[j - 1];
            }
            indices[j] = x;
        }
    }
    int32_t *from = indices, *to = work;
    for (int64_t width = SORT_RUN; width < n; width *= 2) {
        for (int64_t lo = 0; lo < n; lo += 2 * width) {
            const int64_t mid = lo + width < n ? lo + width : n;
            const int64_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            int64_t l = lo, r = mid;
            for (int64_t o = lo; o < hi; o++) {
                const bool right = r < hi && (l >= mid || SCORE(values, stride, from[r]) >
                                                              SCORE(values, stride, from[l]));
                to[o] = right ? from[r++] : from[l++];
            }
        }
        int32_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != indices) {
        memcpy(indices, from, (size_t)n * sizeof *indices);
    }
}

/* The k (<= n) largest of values[0..n), largest first, equal values in
 * index order: the first k of TFLM's DecreasingPartialArgSort. */
static void top_k(const float *values, int32_t n, int32_t k, int32_t *top)
{
    int32_t count = 0;
    for (int32_t i = 0; i < n; i++) {
        const float v = values[i];
        if (count == k && !(v > values[top[k - 1]])) {
            continue;
        }
        int32_t at = count < k ? count++ : k - 1;
        for (; at > 0 && v > values[top[at - 1]]; at--) {
            top[at] = top[at - 1];
        }
        top[at] = i;
    }
}

/* ---- Decoding and NMS ------------------------------------------------------------ */

static bool decode(const tflm_detection_params *p, const float *encodings, const float *anchors,
                   corner_box *boxes)
{
    for (int32_t i = 0; i < p->boxes; i++) {
        const float *e = encodings + (size_t)i * (size_t)p->box_stride;
        const float *a = anchors + (size_t)i * 4; /* y, x, h, w */
        const float yc = e[0] / p->y_scale * a[2] + a[0];
        const float xc = e[1] / p->x_scale * a[3] + a[1];
        const float half_h = 0.5f * tflm_expf(e[2] / p->h_scale) * a[2];
        const float half_w = 0.5f * tflm_expf(e[3] / p->w_scale) * a[3];
        corner_box *b = &boxes[i];
        b->ymin = yc - half_h;
        b->xmin = xc - half_w;
        b->ymax = yc + half_h;
        b->xmax = xc + half_w;
        if (b->ymin >= b->ymax || b->xmin >= b->xmax) { /* TFLM's ValidateBoxes */
            return false;
        }
    }
    return true;
}

/* std::max and std::min on floats, NaN included. */
static float max_f(float a, float b)
{
    return a < b ? b : a;
}

static float min_f(float a, float b)
{
    return b < a ? b : a;
}

/* TFLM's ComputeIntersectionOverUnion, operation for operation. */
static float intersection_over_union(const corner_box *a, const corner_box *b)
{
    const float area_a = (a->ymax - a->ymin) * (a->xmax - a->xmin);
    const float area_b = (b->ymax - b->ymin) * (b->xmax - b->xmin);
    if (area_a <= 0 || area_b <= 0) {
        return 0.0f;
    }
    const float ymin = max_f(a->ymin, b->ymin), xmin = max_f(a->xmin, b->xmin);
    const float ymax = min_f(a->ymax, b->ymax), xmax = min_f(a->xmax, b->xmax);
    const float intersection = max_f(ymax - ymin, 0.0f) * max_f(xmax - xmin, 0.0f);
    return intersection / (area_a + area_b - intersection);
}

/* The scratch buffer's arrays. */
typedef struct work {
    corner_box *boxes; /* boxes */
    int32_t *kept;     /* boxes: indices above the score threshold */
    int32_t *sort;     /* boxes: the merge sort's other half */
    uint8_t *active;   /* boxes */
    float *best;       /* fast: boxes, each box's best class score */
    int32_t *top;      /* fast: k class indices */
    int32_t *selected; /* fast: min(max_detections, boxes); regular: min(per class, boxes) */
    int32_t *list[2];  /* regular: max_detections (box * classes + class) */
    float *list_score[2];
} work;

/* Single-class NMS (detection_postprocess.h) of scores[box * stride];
 * writes the selected boxes to selected, returns their count. */
static int32_t nms_single_class(const tflm_detection_params *p, const work *w, const float *scores,
                                int32_t stride, int32_t limit)
{
    int32_t kept = 0;
    for (int32_t i = 0; i < p->boxes; i++) {
        if (SCORE(scores, stride, i) >= p->score_threshold) {
            w->kept[kept++] = i;
        }
    }
    sort_decreasing(scores, stride, w->kept, w->sort, kept);
    if (limit > kept) {
        limit = kept;
    }
    for (int32_t i = 0; i < kept; i++) {
        w->active[i] = 1;
    }
    int32_t count = 0, active = kept;
    for (int32_t i = 0; i < kept && active > 0 && count < limit; i++) {
        if (!w->active[i]) {
            continue;
        }
        const corner_box *chosen = &w->boxes[w->kept[i]];
        w->selected[count++] = w->kept[i];
        w->active[i] = 0;
        active--;
        for (int32_t j = i + 1; j < kept; j++) {
            if (w->active[j] &&
                intersection_over_union(chosen, &w->boxes[w->kept[j]]) > p->iou_threshold) {
                w->active[j] = 0;
                active--;
            }
        }
    }
    return count;
}

static void put(float *boxes, float *classes, float *scores, int32_t slot, const corner_box *box,
                int32_t class_index, float score)
{
    memcpy(&boxes[(size_t)slot * 4], box, sizeof *box);
    classes[slot] = (float)class_index;
    scores[slot] = score;
}

static void fast_nms(const tflm_detection_params *p, const work *w, const float *scores,
                     float *boxes, float *classes, float *out_scores, float *num_detections)
{
    const int32_t columns = p->classes + p->label_offset;
    for (int32_t i = 0; i < p->boxes; i++) {
        const float *row = scores + (size_t)i * (size_t)columns + p->label_offset;
        float best = row[0];
        for (int32_t c = 1; c < p->classes; c++) {
            best = row[c] > best ? row[c] : best;
        }
        w->best[i] = best;
    }
    const int32_t selected = nms_single_class(p, w, w->best, 1, p->max_detections);
    const int32_t k = p->max_classes_per_detection < p->classes ? p->max_classes_per_detection
                                                                : p->classes;
    for (int32_t i = 0; i < selected; i++) {
        const int32_t box = w->selected[i];
        const float *row = scores + (size_t)box * (size_t)columns + p->label_offset;
        top_k(row, p->classes, k, w->top);
        for (int32_t j = 0; j < k; j++) {
            put(boxes, classes, out_scores, i * p->max_classes_per_detection + j, &w->boxes[box],
                w->top[j], row[w->top[j]]);
        }
    }
    *num_detections = (float)selected;
}

static void regular_nms(const tflm_detection_params *p, const work *w, const float *scores,
                        float *boxes, float *classes, float *out_scores, float *num_detections)
{
    const int32_t columns = p->classes + p->label_offset;
    int32_t count = 0, current = 0;
    for (int32_t c = 0; c < p->classes; c++) {
        const float *column = scores + p->label_offset + c;
        const int32_t selected = nms_single_class(p, w, column, columns, p->detections_per_class);
        /* merge the kept list and the class's selection, both by decreasing
         * score, the kept entries first on ties */
        const int32_t *list = w->list[current];
        const float *list_score = w->list_score[current];
        int32_t *merged = w->list[!current];
        float *merged_score = w->list_score[!current];
        int32_t a = 0, b = 0, n = 0;
        for (; n < p->max_detections && (a < count || b < selected); n++) {
            const float score_b = b < selected ? SCORE(column, columns, w->selected[b]) : 0.0f;
            if (a < count && (b >= selected || !(score_b > list_score[a]))) {
                merged[n] = list[a];
                merged_score[n] = list_score[a++];
            } else {
                merged[n] = w->selected[b++] * p->classes + c;
                merged_score[n] = score_b;
            }
        }
        count = n;
        current = !current;
    }
    for (int32_t i = 0; i < count; i++) {
        const int32_t entry = w->list[current][i];
        put(boxes, classes, out_scores, i, &w->boxes[entry / p->classes], entry % p->classes,
            w->list_score[current][i]);
    }
    *num_detections = (float)count;
}

/* ---- Scratch layout ------------------------------------------------------------- */

static int32_t min_i32(int32_t a, int32_t b)
{
    return a < b ? a : b;
}

/* Carves the arrays from base (NULL: only measures); returns the bytes. */
static uint64_t layout(const tflm_detection_params *p, uint8_t *base, work *w)
{
    const uint64_t boxes = (uint64_t)p->boxes;
    uint64_t at = 0;
#define TAKE(field, count)                                                              \
    do {                                                                                \
        if (base != NULL) {                                                             \
            w->field = (void *)(base + at);                                             \
        }                                                                               \
        at += ((uint64_t)(count) * sizeof *w->field + 3u) & ~(uint64_t)3u;              \
    } while (0)
    TAKE(boxes, boxes);
    TAKE(kept, boxes);
    TAKE(sort, boxes);
    if (p->regular_nms) {
        const int32_t lists = p->max_detections;
        TAKE(selected, min_i32(p->detections_per_class, p->boxes));
        TAKE(list[0], lists);
        TAKE(list[1], lists);
        TAKE(list_score[0], lists);
        TAKE(list_score[1], lists);
    } else {
        TAKE(best, boxes);
        TAKE(selected, min_i32(p->max_detections, p->boxes));
        TAKE(top, min_i32(p->max_classes_per_detection, p->classes));
    }
    TAKE(active, boxes);
#undef TAKE
    return at;
}

int64_t tflm_detection_postprocess_slots_needed(const tflm_detection_params *params)
{
    const int64_t slots = params->regular_nms ? params->max_detections
                                              : (int64_t)params->max_detections *
                                                    params->max_classes_per_detection;
    return slots > INT32_MAX ? -1 : slots;
}

size_t tflm_detection_postprocess_scratch_size(const tflm_detection_params *params)
{
    const uint64_t bytes = layout(params, NULL, NULL);
    return bytes > (uint64_t)SIZE_MAX ? 0 : (size_t)bytes;
}

bool tflm_detection_postprocess_f32(const tflm_detection_params *params,
                                    const float *box_encodings, const float *class_scores,
                                    const float *anchors, void *scratch, float *boxes,
                                    float *classes, float *scores, float *num_detections)
{
    work w;
    memset(&w, 0, sizeof w);
    (void)layout(params, scratch, &w);
    if (!decode(params, box_encodings, anchors, w.boxes)) {
        return false;
    }
    memset(boxes, 0, (size_t)params->slots * 4 * sizeof *boxes);
    memset(classes, 0, (size_t)params->slots * sizeof *classes);
    memset(scores, 0, (size_t)params->slots * sizeof *scores);
    if (params->regular_nms) {
        regular_nms(params, &w, class_scores, boxes, classes, scores, num_detections);
    } else {
        fast_nms(params, &w, class_scores, boxes, classes, scores, num_detections);
    }
    return true;
}

/* ---- Node glue ---------------------------------------------------------------- */

typedef struct detection_data {
    tflm_detection_params params;
    int32_t scratch;
} detection_data;

static tflm_status read_options(tflm_context *ctx, const tflm_node *node, tflm_detection_params *p)
{
    tflm_flex map;
    tflm_status status = tflm_custom_options(ctx, node, &map);
    if (status != TFLM_OK) {
        return status;
    }
    p->detections_per_class = 100;
    p->regular_nms = false;
    /* num_classes + 1 (with a background class) is a dimension: an int32. */
    if ((status = tflm_custom_option_int(ctx, &map, "max_detections", 0, INT32_MAX,
                                         &p->max_detections)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &map, "max_classes_per_detection", INT32_MIN,
                                         INT32_MAX, &p->max_classes_per_detection)) != TFLM_OK ||
        (status = tflm_custom_option_int(ctx, &map, "num_classes", 1, INT32_MAX - 1, &p->classes)) !=
            TFLM_OK ||
        (tflm_custom_option_present(&map, "detections_per_class") &&
         (status = tflm_custom_option_int(ctx, &map, "detections_per_class", INT32_MIN, INT32_MAX,
                                          &p->detections_per_class)) != TFLM_OK) ||
        (tflm_custom_option_present(&map, "use_regular_nms") &&
         (status = tflm_custom_option_bool(ctx, &map, "use_regular_nms", &p->regular_nms)) !=
             TFLM_OK)) {
        return status;
    }
    static const char *const float_keys[6] = {"nms_score_threshold", "nms_iou_threshold",
                                              "y_scale", "x_scale", "h_scale", "w_scale"};
    float *const floats[6] = {&p->score_threshold, &p->iou_threshold, &p->y_scale,
                              &p->x_scale, &p->h_scale, &p->w_scale};
    for (int i = 0; i < 6; i++) {
        if ((status = tflm_custom_option_float(ctx, &map, float_keys[i], floats[i])) != TFLM_OK) {
            return status;
        }
    }
    if (!(p->iou_threshold > 0.0f && p->iou_threshold <= 1.0f)) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "option \"nms_iou_threshold\" must be in (0, 1]");
    }
    if (p->regular_nms && p->detections_per_class < 1) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "option \"detections_per_class\" must be positive for regular NMS");
    }
    if (!p->regular_nms && p->max_classes_per_detection < 1) {
        return tflm_fail(ctx, TFLM_ERROR_MALFORMED_MODEL,
                         "option \"max_classes_per_detection\" must be positive for fast NMS");
    }
    return TFLM_OK;
}

static bool is_f32(const tflm_tensor *t)
{
    return t != NULL && t->type == TFLM_TYPE_FLOAT32;
}

static tflm_status check_inputs(tflm_context *ctx, const tflm_node *node, tflm_detection_params *p)
{
    const tflm_tensor *encodings = tflm_input(ctx, node, 0);
    const tflm_tensor *scores = tflm_input(ctx, node, 1);
    const tflm_tensor *anchors = tflm_input(ctx, node, 2);
    if (!is_f32(encodings) || !is_f32(scores) || !is_f32(anchors)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "box encodings, class scores and anchors must be FLOAT32");
    }
    const tflm_int_array *e = encodings->dims, *s = scores->dims, *a = anchors->dims;
    if (e->size != 3 || e->data[0] != 1 || e->data[1] < 1 || e->data[2] < 4) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "box encodings must be [1, boxes, 4 or more] (boxes >= 1)");
    }
    p->boxes = e->data[1];
    p->box_stride = e->data[2];
    if (s->size != 3 || s->data[0] != 1 || s->data[1] != p->boxes ||
        (s->data[2] != p->classes && s->data[2] != p->classes + 1)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "class scores must be [1, %d, %d or %d] (boxes, num_classes, and a "
                         "background class)",
                         p->boxes, p->classes, p->classes + 1);
    }
    p->label_offset = s->data[2] - p->classes;
    if (a->size != 2 || a->data[0] != p->boxes || a->data[1] != 4) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "anchors must be [%d, 4] (boxes, y x h w)",
                         p->boxes);
    }
    return TFLM_OK;
}

static tflm_status check_outputs(tflm_context *ctx, const tflm_node *node, tflm_detection_params *p)
{
    const tflm_tensor *boxes = tflm_output(ctx, node, 0);
    const tflm_tensor *classes = tflm_output(ctx, node, 1);
    const tflm_tensor *scores = tflm_output(ctx, node, 2);
    const tflm_tensor *count = tflm_output(ctx, node, 3);
    if (!is_f32(boxes) || !is_f32(classes) || !is_f32(scores) || !is_f32(count)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "the 4 outputs (boxes, classes, scores, num_detections) must be FLOAT32");
    }
    p->slots = tflm_element_count(classes);
    if (tflm_element_count(scores) != p->slots ||
        (int64_t)tflm_element_count(boxes) != 4 * (int64_t)p->slots ||
        tflm_element_count(count) < 1) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "outputs must be boxes [.., N, 4], classes and scores [.., N] and "
                         "num_detections [1]");
    }
    const int64_t needed = tflm_detection_postprocess_slots_needed(p);
    if (needed < 0 || needed > p->slots) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "outputs hold %d detections; max_detections %d (x max_classes_per_"
                         "detection %d for fast NMS) needs more",
                         p->slots, p->max_detections, p->max_classes_per_detection);
    }
    return TFLM_OK;
}

static tflm_status detection_prepare(tflm_context *ctx, tflm_node *node)
{
    if (node->inputs->size != 3 || node->outputs->size != 4) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "expected 3 inputs and 4 outputs, got %d and %d",
                         (int)node->inputs->size, (int)node->outputs->size);
    }
    detection_data *data = tflm_alloc_persistent(ctx, sizeof *data);
    if (data == NULL) {
        return TFLM_ERROR_ARENA_TOO_SMALL;
    }
    node->data = data;
    tflm_status status;
    if ((status = read_options(ctx, node, &data->params)) != TFLM_OK ||
        (status = check_inputs(ctx, node, &data->params)) != TFLM_OK ||
        (status = check_outputs(ctx, node, &data->params)) != TFLM_OK) {
        return status;
    }
    const size_t bytes = tflm_detection_postprocess_scratch_size(&data->params);
    if (bytes == 0) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL, "work arrays too large for this target");
    }
    return tflm_request_scratch(ctx, bytes, &data->scratch);
}

static tflm_status detection_invoke(tflm_context *ctx, tflm_node *node)
{
    const detection_data *data = node->data;
    if (!tflm_detection_postprocess_f32(
            &data->params, tflm_input(ctx, node, 0)->data, tflm_input(ctx, node, 1)->data,
            tflm_input(ctx, node, 2)->data, tflm_scratch(ctx, data->scratch),
            tflm_output(ctx, node, 0)->data, tflm_output(ctx, node, 1)->data,
            tflm_output(ctx, node, 2)->data, tflm_output(ctx, node, 3)->data)) {
        return tflm_fail(ctx, TFLM_ERROR_KERNEL,
                         "a decoded box is empty or inverted (ymin >= ymax or xmin >= xmax)");
    }
    return TFLM_OK;
}

const tflm_kernel tflm_op_detection_postprocess = {
    .builtin_code = TFLM_BUILTIN_CUSTOM,
    .custom_name = "TFLite_Detection_PostProcess",
    .name = "TFLite_Detection_PostProcess",
    .prepare = detection_prepare,
    .invoke = detection_invoke,
};
