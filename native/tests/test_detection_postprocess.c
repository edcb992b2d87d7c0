/* TFLite_Detection_PostProcess (detection_postprocess.c): every case of
 * TFLM's detection_postprocess_test.cc, on its values, its options bytes
 * and its tolerances (and exactly where the values allow); keyed options
 * with their defaults; random problems full of ties against a plain
 * re-statement of TFLM's algorithm (fast and regular NMS, with and
 * without a background class); decoding against double arithmetic; the
 * scratch size; and the rejections, each with its message. */
#include <math.h>
#include <string.h>

#include "flex_builder.h"
#include "kernel_harness.h"
#include "kernels/detection_postprocess.h"
#include "test.h"
#include "tflm/ops.h"

/* TFLM's detection_postprocess_flexbuffers_generated_data.cc (fast NMS):
 * max_detections 3, max_classes_per_detection 1, detections_per_class 1,
 * use_regular_nms false, nms_score_threshold 0, nms_iou_threshold 0.5,
 * num_classes 2, y_scale and x_scale 10, h_scale and w_scale 5. The
 * regular NMS map differs in byte REGULAR_NMS_BYTE only. */
static const uint8_t tflm_options[242] = {
    0x6d, 0x61, 0x78, 0x5f, 0x64, 0x65, 0x74, 0x65, 0x63, 0x74, 0x69, 0x6f,
    0x6e, 0x73, 0x00, 0x6d, 0x61, 0x78, 0x5f, 0x63, 0x6c, 0x61, 0x73, 0x73,
    0x65, 0x73, 0x5f, 0x70, 0x65, 0x72, 0x5f, 0x64, 0x65, 0x74, 0x65, 0x63,
    0x74, 0x69, 0x6f, 0x6e, 0x00, 0x64, 0x65, 0x74, 0x65, 0x63, 0x74, 0x69,
    0x6f, 0x6e, 0x73, 0x5f, 0x70, 0x65, 0x72, 0x5f, 0x63, 0x6c, 0x61, 0x73,
    0x73, 0x00, 0x75, 0x73, 0x65, 0x5f, 0x72, 0x65, 0x67, 0x75, 0x6c, 0x61,
    0x72, 0x5f, 0x6e, 0x6d, 0x73, 0x00, 0x6e, 0x6d, 0x73, 0x5f, 0x73, 0x63,
    0x6f, 0x72, 0x65, 0x5f, 0x74, 0x68, 0x72, 0x65, 0x73, 0x68, 0x6f, 0x6c,
    0x64, 0x00, 0x6e, 0x6d, 0x73, 0x5f, 0x69, 0x6f, 0x75, 0x5f, 0x74, 0x68,
    0x72, 0x65, 0x73, 0x68, 0x6f, 0x6c, 0x64, 0x00, 0x6e, 0x75, 0x6d, 0x5f,
    0x63, 0x6c, 0x61, 0x73, 0x73, 0x65, 0x73, 0x00, 0x79, 0x5f, 0x73, 0x63,
    0x61, 0x6c, 0x65, 0x00, 0x78, 0x5f, 0x73, 0x63, 0x61, 0x6c, 0x65, 0x00,
    0x68, 0x5f, 0x73, 0x63, 0x61, 0x6c, 0x65, 0x00, 0x77, 0x5f, 0x73, 0x63,
    0x61, 0x6c, 0x65, 0x00, 0x0b, 0x78, 0x12, 0x94, 0xa4, 0x43, 0x58, 0x33,
    0x6a, 0x11, 0x22, 0x2b, 0x0b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x0b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xa0, 0x40,
    0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3f,
    0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0xa0, 0x40, 0x00, 0x00, 0x20, 0x41, 0x00, 0x00, 0x20, 0x41,
    0x06, 0x0e, 0x06, 0x06, 0x0e, 0x0e, 0x06, 0x6a, 0x0e, 0x0e, 0x0e, 0x37,
    0x26, 0x01,
};
enum { REGULAR_NMS_BYTE = 212 };

/* TFLM's test inputs: six boxes in center-size encoding (all decode to
 * their anchors' boxes, some shifted by 0.1), their class scores (a
 * background column, then two classes), and six anchors. */
static const float boxes4[24] = {
    0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f, 0.0f, -1.0f, 0.0f, 0.0f,
    0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f, 0.0f, 0.0f,  0.0f, 0.0f,
};
/* The same with a fifth column (a keypoint), which the op skips. */
static const float boxes5[30] = {
    0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f, 1.0f, 0.0f, 0.0f, 1.0f, 0.0f, -1.0f, 0.0f, 0.0f, 1.0f,
    0.0f, 0.0f, 0.0f, 0.0f, 1.0f, 0.0f, 1.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f,  0.0f, 0.0f, 1.0f,
};
static const float scores3[18] = {0.f, .9f, .8f,  0.f, .75f, .72f, 0.f, .6f, .5f,
                                  0.f, .93f, .95f, 0.f, .5f, .4f,  0.f, .3f, .2f};
static const float scores2[12] = {.9f, .8f, .75f, .72f, .6f, .5f, .93f, .95f, .5f, .4f, .3f, .2f};
static const float anchors6[24] = {
    0.5f, 0.5f,  1.0f, 1.0f, 0.5f, 0.5f,  1.0f, 1.0f, 0.5f, 0.5f,   1.0f, 1.0f,
    0.5f, 10.5f, 1.0f, 1.0f, 0.5f, 10.5f, 1.0f, 1.0f, 0.5f, 100.5f, 1.0f, 1.0f,
};

/* Outputs of one run. */
typedef struct detections {
    float boxes[64 * 4];
    float classes[64];
    float scores[64];
    float count;
} detections;

/* A node on boxes [1, n, stride] (n = anchors' rows), scores [1, n,
 * columns] and anchors [n, 4] into outputs of `slots` detections. */
static void setup(tflm_context *ctx, const float *boxes, int32_t n, int32_t stride,
                  const float *scores, int32_t columns, const float *anchors, int32_t slots,
                  detections *out)
{
    const int32_t box_dims[3] = {1, n, stride}, score_dims[3] = {1, n, columns};
    const int32_t anchor_dims[2] = {n, 4}, out_dims[3] = {1, slots, 4}, one[1] = {1};
    harness_init_outputs(ctx, &tflm_op_detection_postprocess, 3, 4);
    harness_tensor(ctx, 0, TFLM_TYPE_FLOAT32, box_dims, 3, (void *)boxes, 0, 0);
    harness_tensor(ctx, 1, TFLM_TYPE_FLOAT32, score_dims, 3, (void *)scores, 0, 0);
    harness_tensor(ctx, 2, TFLM_TYPE_FLOAT32, anchor_dims, 2, (void *)anchors, 0, 0);
    harness_tensor(ctx, 3, TFLM_TYPE_FLOAT32, out_dims, 3, out->boxes, 0, 0);
    harness_tensor(ctx, 4, TFLM_TYPE_FLOAT32, out_dims, 2, out->classes, 0, 0);
    harness_tensor(ctx, 5, TFLM_TYPE_FLOAT32, out_dims, 2, out->scores, 0, 0);
    harness_tensor(ctx, 6, TFLM_TYPE_FLOAT32, one, 1, &out->count, 0, 0);
    memset(out, 0x7f, sizeof *out); /* garbage the op must overwrite */
}

static void check_near(const float *expected, const float *actual, int count, float tolerance,
                       const char *what)
{
    for (int i = 0; i < count; i++) {
        if (!(fabsf(expected[i] - actual[i]) <= tolerance)) {
            fprintf(stderr, "%s[%d]: expected %g, got %g (tolerance %g)\n", what, i,
                    (double)expected[i], (double)actual[i], (double)tolerance);
            tflm_test_failures++;
        }
    }
}

/* One of TFLM's cases: TFLM's options, 3 slots, goldens and tolerance. */
static void tflm_case(const char *name, bool regular, const float *boxes, int32_t stride,
                      const float *scores, int32_t columns, const float golden_boxes[12],
                      const float golden_classes[3], const float golden_scores[3],
                      float golden_count, float tolerance)
{
    static tflm_context ctx;
    static uint8_t options[sizeof tflm_options];
    detections out;
    memcpy(options, tflm_options, sizeof options);
    options[REGULAR_NMS_BYTE] = regular;
    setup(&ctx, boxes, 6, stride, scores, columns, anchors6, 3, &out);
    harness_custom_options(&ctx, options, sizeof options);
    tflm_status status = harness_prepare(&ctx);
    if (status == TFLM_OK) {
        status = harness_invoke(&ctx);
    }
    if (status != TFLM_OK) {
        fprintf(stderr, "%s: %s\n", name, ctx.formatted);
    }
    CHECK_EQ_INT(TFLM_OK, status);
    const int failures = tflm_test_failures;
    check_near(golden_boxes, out.boxes, 12, tolerance, "  boxes");
    check_near(golden_classes, out.classes, 3, tolerance, "  classes");
    check_near(golden_scores, out.scores, 3, tolerance, "  scores");
    check_near(&golden_count, &out.count, 1, tolerance, "  num_detections");
    if (tflm_test_failures != failures) {
        fprintf(stderr, "in %s\n", name);
    }
    harness_free(&ctx);
}

static const float fast_boxes[12] = {0.0f, 10.0f, 1.0f, 11.0f, 0.0f,   0.0f,
                                     1.0f, 1.0f,  0.0f, 100.0f, 1.0f, 101.0f};
static const float fast_classes[3] = {1, 0, 0};
static const float fast_scores[3] = {.95f, .9f, .3f};
static const float regular_boxes[12] = {0.0f, 10.0f, 1.0f, 11.0f, 0.0f, 10.0f,
                                        1.0f, 11.0f, 0.0f, 0.0f,  0.0f, 0.0f};
static const float regular_scores_golden[3] = {.95f, .9f, 0.0f}; /* TFLM's .9 for .93, within .1 */
static const float regular_scores_exact[3] = {.95f, .93f, 0.0f};

static void test_tflm_cases(void)
{
    tflm_case("DetectionPostprocessFloatFastNMS", false, boxes4, 4, scores3, 3, fast_boxes,
              fast_classes, fast_scores, 3.0f, 0.0f);
    tflm_case("DetectionPostprocessFloatRegularNMS", true, boxes4, 4, scores3, 3, regular_boxes,
              fast_classes, regular_scores_golden, 2.0f, 1e-1f);
    tflm_case("  (exactly)", true, boxes4, 4, scores3, 3, regular_boxes, fast_classes,
              regular_scores_exact, 2.0f, 0.0f);
    tflm_case("DetectionPostprocessFloatFastNMSwithNoBackgroundClassAndKeypoints", false, boxes5,
              5, scores2, 2, fast_boxes, fast_classes, fast_scores, 3.0f, 0.0f);
    tflm_case("DetectionPostprocessFloatRegularNMSwithNoBackgroundClassAndKeypoints", true, boxes4,
              4, scores2, 2, regular_boxes, fast_classes, regular_scores_golden, 2.0f, 1e-1f);
    tflm_case("  (exactly)", true, boxes4, 4, scores2, 2, regular_boxes, fast_classes,
              regular_scores_exact, 2.0f, 0.0f);
    tflm_case("DetectionPostprocessFloatFastNMSWithBackgroundClassAndKeypoints", false, boxes5, 5,
              scores3, 3, fast_boxes, fast_classes, fast_scores, 3.0f, 0.0f);

    /* Equal best scores: the lower class, and boxes in their order. */
    static const float stable_scores[12] = {0.015625f, 0.007812f, 0.003906f, 0.015625f,
                                            0.015625f, 0.007812f, 0.019531f, 0.019531f,
                                            0.007812f, 0.003906f, 0.003906f, 0.003906f};
    static const float stable_classes[3] = {0, 0, 0};
    static const float stable_golden[3] = {0.0196078f, 0.0156863f, 0.00392157f};
    static const float stable_exact[3] = {0.019531f, 0.015625f, 0.003906f};
    tflm_case("DetectionPostprocessFloatFNMSSwithNoBackgroundClassAndKeypointsStableSort", false,
              boxes5, 5, stable_scores, 2, fast_boxes, stable_classes, stable_golden, 3.0f, 3e-1f);
    tflm_case("  (exactly)", false, boxes5, 5, stable_scores, 2, fast_boxes, stable_classes,
              stable_exact, 3.0f, 0.0f);
}

/* TFLM's scales and thresholds in a map of 8-byte values (flex_builder),
 * without the optional keys. */
static void base_options(flex_builder *b, int32_t max_detections, int32_t max_classes,
                         int32_t classes)
{
    flex_begin(b);
    flex_int(b, "max_detections", max_detections);
    flex_int(b, "max_classes_per_detection", max_classes);
    flex_int(b, "num_classes", classes);
    flex_float(b, "nms_score_threshold", 0.0);
    flex_float(b, "nms_iou_threshold", 0.5);
    flex_float(b, "y_scale", 10.0);
    flex_float(b, "x_scale", 10.0);
    flex_float(b, "h_scale", 5.0);
    flex_float(b, "w_scale", 5.0);
}

/* use_regular_nms defaults to false, detections_per_class to 100: with 100
 * per class, regular NMS keeps box 0 for class 0 too (.9 > .75 ...). */
static void test_defaults(void)
{
    static tflm_context ctx;
    detections out;
    flex_builder b;
    base_options(&b, 3, 1, 2);
    setup(&ctx, boxes4, 6, 4, scores3, 3, anchors6, 3, &out);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    check_near(fast_boxes, out.boxes, 12, 0.0f, "default fast boxes");
    check_near(fast_scores, out.scores, 3, 0.0f, "default fast scores");
    harness_free(&ctx);

    base_options(&b, 3, 1, 2);
    flex_bool(&b, "use_regular_nms", true);
    setup(&ctx, boxes4, 6, 4, scores3, 3, anchors6, 3, &out);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    /* class 1: boxes 3 (.95), 0 (.8), 5 (.2); class 0: 3 (.93), 0 (.9), 5 (.3) */
    const float boxes[12] = {0, 10, 1, 11, 0, 10, 1, 11, 0, 0, 1, 1};
    const float classes[3] = {1, 0, 0}, scores[3] = {.95f, .93f, .9f}, count = 3;
    check_near(boxes, out.boxes, 12, 0.0f, "default regular boxes");
    check_near(classes, out.classes, 3, 0.0f, "default regular classes");
    check_near(scores, out.scores, 3, 0.0f, "default regular scores");
    check_near(&count, &out.count, 1, 0.0f, "default regular count");
    harness_free(&ctx);
}

/* ---- Random problems against a plain statement of TFLM's algorithm ---------- */

static uint32_t rng = 12345u;

static uint32_t next_random(void)
{
    rng = rng * 1664525u + 1013904223u;
    return rng >> 8;
}

static int32_t random_below(int32_t n)
{
    return (int32_t)(next_random() % (uint32_t)n);
}

typedef struct problem {
    int32_t n, classes, offset, max_detections, max_classes, per_class;
    bool regular;
    float score_threshold, iou_threshold;
    float boxes[80 * 4];   /* encodings: zero, so boxes are the anchors' */
    float scores[80 * 6];  /* n x (classes + offset) */
    float anchors[80 * 4]; /* y, x, h, w */
} problem;

typedef struct corner {
    float ymin, xmin, ymax, xmax;
} corner;

static corner anchor_box(const problem *p, int32_t i)
{
    const float *a = &p->anchors[4 * i];
    const float half_h = 0.5f * a[2], half_w = 0.5f * a[3];
    return (corner){a[0] - half_h, a[1] - half_w, a[0] + half_h, a[1] + half_w};
}

static float iou(corner a, corner b)
{
    const float area_a = (a.ymax - a.ymin) * (a.xmax - a.xmin);
    const float area_b = (b.ymax - b.ymin) * (b.xmax - b.xmin);
    if (area_a <= 0 || area_b <= 0) {
        return 0.0f;
    }
    const float h = fminf(a.ymax, b.ymax) - fmaxf(a.ymin, b.ymin);
    const float w = fminf(a.xmax, b.xmax) - fmaxf(a.xmin, b.xmin);
    const float intersection = fmaxf(h, 0.0f) * fmaxf(w, 0.0f);
    return intersection / (area_a + area_b - intersection);
}

/* Stable selection sort by decreasing key (a plain, quadratic statement). */
static void stable_sort_desc(int32_t *items, float *keys, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        int32_t best = i;
        for (int32_t j = i + 1; j < n; j++) {
            if (keys[j] > keys[best]) {
                best = j;
            }
        }
        /* move best to i, keeping the order of the others */
        const int32_t item = items[best];
        const float key = keys[best];
        for (int32_t j = best; j > i; j--) {
            items[j] = items[j - 1];
            keys[j] = keys[j - 1];
        }
        items[i] = item;
        keys[i] = key;
    }
}

/* Single-class NMS of score(box) = scores[box * stride]. */
static int32_t reference_nms(const problem *p, const float *scores, int32_t stride, int32_t limit,
                             int32_t *selected)
{
    int32_t order[80], n = 0;
    float keys[80];
    for (int32_t i = 0; i < p->n; i++) {
        if (scores[i * stride] >= p->score_threshold) {
            order[n] = i;
            keys[n++] = scores[i * stride];
        }
    }
    stable_sort_desc(order, keys, n);
    bool suppressed[80] = {false};
    int32_t count = 0;
    for (int32_t i = 0; i < n && count < limit; i++) {
        if (suppressed[i]) {
            continue;
        }
        selected[count++] = order[i];
        for (int32_t j = i + 1; j < n; j++) {
            if (iou(anchor_box(p, order[i]), anchor_box(p, order[j])) > p->iou_threshold) {
                suppressed[j] = true;
            }
        }
    }
    return count;
}

static void reference(const problem *p, detections *out)
{
    memset(out, 0, sizeof *out);
    const int32_t columns = p->classes + p->offset;
    int32_t selected[80];
    if (!p->regular) {
        float best[80];
        for (int32_t i = 0; i < p->n; i++) {
            best[i] = p->scores[i * columns + p->offset];
            for (int32_t c = 1; c < p->classes; c++) {
                best[i] = fmaxf(best[i], p->scores[i * columns + p->offset + c]);
            }
        }
        const int32_t count = reference_nms(p, best, 1, p->max_detections, selected);
        const int32_t k = p->max_classes < p->classes ? p->max_classes : p->classes;
        for (int32_t i = 0; i < count; i++) {
            int32_t order[6];
            float keys[6];
            for (int32_t c = 0; c < p->classes; c++) {
                order[c] = c;
                keys[c] = p->scores[selected[i] * columns + p->offset + c];
            }
            stable_sort_desc(order, keys, p->classes);
            for (int32_t j = 0; j < k; j++) {
                const int32_t slot = i * p->max_classes + j;
                const corner box = anchor_box(p, selected[i]);
                memcpy(&out->boxes[4 * slot], &box, sizeof box);
                out->classes[slot] = (float)order[j];
                out->scores[slot] = keys[j];
            }
        }
        out->count = (float)count;
        return;
    }
    int32_t list[160], n = 0;
    float keys[160];
    for (int32_t c = 0; c < p->classes; c++) {
        const float *column = &p->scores[p->offset + c];
        const int32_t count = reference_nms(p, column, columns, p->per_class, selected);
        for (int32_t i = 0; i < count; i++) {
            list[n] = selected[i] * p->classes + c;
            keys[n++] = column[selected[i] * columns];
        }
        stable_sort_desc(list, keys, n);
        n = n < p->max_detections ? n : p->max_detections;
    }
    for (int32_t i = 0; i < n; i++) {
        const corner box = anchor_box(p, list[i] / p->classes);
        memcpy(&out->boxes[4 * i], &box, sizeof box);
        out->classes[i] = (float)(list[i] % p->classes);
        out->scores[i] = keys[i];
    }
    out->count = (float)n;
}

static void random_problem(problem *p)
{
    p->n = 1 + random_below(80);
    p->classes = 1 + random_below(5);
    p->offset = random_below(2);
    p->regular = random_below(2);
    p->max_detections = random_below(10);
    p->max_classes = 1 + random_below(3);
    p->per_class = 1 + random_below(5);
    p->score_threshold = (float)random_below(4) / 8.0f;
    p->iou_threshold = (float)(1 + random_below(8)) / 8.0f;
    const int32_t columns = p->classes + p->offset;
    for (int32_t i = 0; i < p->n; i++) {
        /* few distinct values: many ties */
        for (int32_t c = 0; c < columns; c++) {
            p->scores[i * columns + c] = (float)random_below(8) / 8.0f;
        }
        p->anchors[4 * i + 0] = (float)random_below(8) * 0.25f;
        p->anchors[4 * i + 1] = (float)random_below(8) * 0.25f;
        p->anchors[4 * i + 2] = 0.5f + (float)random_below(4) * 0.25f;
        p->anchors[4 * i + 3] = 0.5f + (float)random_below(4) * 0.25f;
        memset(&p->boxes[4 * i], 0, 4 * sizeof(float));
    }
}

static void test_random(void)
{
    static tflm_context ctx;
    static problem p;
    int mismatches = 0;
    for (int trial = 0; trial < 3000; trial++) {
        random_problem(&p);
        const int32_t slots =
            p.regular ? p.max_detections + random_below(3) : p.max_detections * p.max_classes;
        flex_builder b;
        flex_begin(&b);
        flex_int(&b, "max_detections", p.max_detections);
        flex_int(&b, "max_classes_per_detection", p.max_classes);
        flex_int(&b, "detections_per_class", p.per_class);
        flex_bool(&b, "use_regular_nms", p.regular);
        flex_int(&b, "num_classes", p.classes);
        flex_float(&b, "nms_score_threshold", p.score_threshold);
        flex_float(&b, "nms_iou_threshold", p.iou_threshold);
        flex_float(&b, "y_scale", 10.0);
        flex_float(&b, "x_scale", 10.0);
        flex_float(&b, "h_scale", 5.0);
        flex_float(&b, "w_scale", 5.0);
        detections out, expected;
        setup(&ctx, p.boxes, p.n, 4, p.scores, p.classes + p.offset, p.anchors, slots, &out);
        harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
        tflm_status status = harness_prepare(&ctx);
        if (status == TFLM_OK) {
            status = harness_invoke(&ctx);
        }
        CHECK_EQ_INT(TFLM_OK, status);
        reference(&p, &expected);
        if (memcmp(out.boxes, expected.boxes, (size_t)slots * 4 * sizeof(float)) != 0 ||
            memcmp(out.classes, expected.classes, (size_t)slots * sizeof(float)) != 0 ||
            memcmp(out.scores, expected.scores, (size_t)slots * sizeof(float)) != 0 ||
            out.count != expected.count) {
            if (mismatches++ < 3) {
                fprintf(stderr,
                        "random trial %d (%s, %d boxes, %d classes + %d, max %d, k %d, per "
                        "class %d): differs from the reference (count %g, expected %g)\n",
                        trial, p.regular ? "regular" : "fast", p.n, p.classes, p.offset,
                        p.max_detections, p.max_classes, p.per_class, (double)out.count,
                        (double)expected.count);
            }
        }
        harness_free(&ctx);
    }
    CHECK_EQ_INT(0, mismatches);
}

/* Decoded boxes against TFLM's double formula, on random encodings: one
 * class, distinct scores, no suppression (IoU threshold 1), every box out
 * in score order. */
static void test_decoding(void)
{
    static tflm_context ctx;
    enum { N = 50 };
    static float boxes[N * 4], scores[N], anchors[N * 4];
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < 4; j++) {
            boxes[4 * i + j] = ((float)random_below(2001) - 1000.0f) / 250.0f;
        }
        anchors[4 * i + 0] = (float)random_below(1000) / 100.0f;
        anchors[4 * i + 1] = (float)random_below(1000) / 100.0f;
        anchors[4 * i + 2] = (float)(1 + random_below(1000)) / 500.0f;
        anchors[4 * i + 3] = (float)(1 + random_below(1000)) / 500.0f;
        scores[i] = (float)(N - i) / N; /* box i is detection i */
    }
    flex_builder b;
    flex_begin(&b);
    flex_int(&b, "max_detections", N);
    flex_int(&b, "max_classes_per_detection", 1);
    flex_int(&b, "num_classes", 1);
    flex_float(&b, "nms_score_threshold", -1.0);
    flex_float(&b, "nms_iou_threshold", 1.0);
    flex_float(&b, "y_scale", 10.0);
    flex_float(&b, "x_scale", 10.0);
    flex_float(&b, "h_scale", 5.0);
    flex_float(&b, "w_scale", 5.0);
    detections out;
    setup(&ctx, boxes, N, 4, scores, 1, anchors, N, &out);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    CHECK(out.count == N);
    double worst = 0;
    for (int i = 0; i < N; i++) {
        const float *e = &boxes[4 * i], *a = &anchors[4 * i];
        const double yc = (double)e[0] / 10.0 * a[2] + a[0];
        const double xc = (double)e[1] / 10.0 * a[3] + a[1];
        const double half_h = 0.5 * exp((double)e[2] / 5.0) * a[2];
        const double half_w = 0.5 * exp((double)e[3] / 5.0) * a[3];
        const float tflm[4] = {(float)yc - (float)half_h, (float)xc - (float)half_w,
                               (float)yc + (float)half_h, (float)xc + (float)half_w};
        for (int j = 0; j < 4; j++) {
            /* in ulps of the box's largest term */
            const double scale = fmax(fabs(yc), fmax(fabs(xc), fmax(half_h, half_w)));
            const double ulps = fabs((double)out.boxes[4 * i + j] - tflm[j]) /
                                (scale * 1.1920928955078125e-7);
            worst = fmax(worst, ulps);
        }
    }
    if (worst > 2.0) { /* 0.96 measured */
        fprintf(stderr, "decoding: %g ulps from TFLM's double arithmetic\n", worst);
        tflm_test_failures++;
    }
    harness_free(&ctx);
}

/* The scratch request is the twin's size: 6 boxes, fast NMS, 3 detections,
 * 1 class each: 16 (box) + 4 (kept) + 4 (sort) + 4 (best) + 1 (active) a
 * box, padded to 4, + 3 selected + 1 top class. */
static void test_scratch(void)
{
    static tflm_context ctx;
    detections out;
    setup(&ctx, boxes4, 6, 4, scores3, 3, anchors6, 3, &out);
    harness_custom_options(&ctx, tflm_options, sizeof tflm_options);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(1, ctx.scratch_count);
    CHECK_EQ_INT(6 * 28 + 8 + 3 * 4 + 4, ctx.scratch_bytes[0]);
    const tflm_detection_params fast = {.boxes = 6, .classes = 2, .max_detections = 3,
                                        .max_classes_per_detection = 1};
    CHECK_EQ_INT(ctx.scratch_bytes[0], tflm_detection_postprocess_scratch_size(&fast));
    /* regular: two lists of max_detections (index and score), and
     * min(detections_per_class, boxes) selected, in place of best, the
     * fast selection and the top classes */
    const tflm_detection_params regular = {.boxes = 6, .classes = 2, .max_detections = 3,
                                           .detections_per_class = 100, .regular_nms = true};
    CHECK_EQ_INT(6 * 24 + 8 + 6 * 4 + 4 * 3 * 4, tflm_detection_postprocess_scratch_size(&regular));
    harness_free(&ctx);
}

/* ---- Rejections --------------------------------------------------------------- */

static void expect_refused(tflm_context *ctx, tflm_status status, const char *text)
{
    CHECK_EQ_INT(status, harness_prepare(ctx));
    if (strstr(ctx->formatted, text) == NULL) {
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", ctx->formatted, text);
        tflm_test_failures++;
    }
    harness_free(ctx);
}

static void test_shape_rejections(void)
{
    static tflm_context ctx;
    static float big[64 * 8];
    detections out;
    const uint32_t size = sizeof tflm_options;

    /* class scores of 4 columns for num_classes 2 */
    setup(&ctx, big, 6, 4, big, 4, big, 3, &out);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "class scores must be [1, 6, 2 or 3]");
    /* of 1 column */
    setup(&ctx, big, 6, 4, big, 1, big, 3, &out);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "class scores must be [1, 6, 2 or 3]");
    /* scores for 5 boxes, 6 box encodings */
    const int32_t five[3] = {1, 5, 3};
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_tensor(&ctx, 1, TFLM_TYPE_FLOAT32, five, 3, big, 0, 0);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "class scores must be [1, 6, 2 or 3]");
    /* 5 anchors for 6 boxes; anchors of 5 columns */
    const int32_t anchors5[2] = {5, 4}, anchors_wide[2] = {6, 5};
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, anchors5, 2, big, 0, 0);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "anchors must be [6, 4]");
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_tensor(&ctx, 2, TFLM_TYPE_FLOAT32, anchors_wide, 2, big, 0, 0);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "anchors must be [6, 4]");
    /* box encodings of 3 columns, of batch 2, of rank 2 */
    setup(&ctx, big, 6, 3, big, 3, big, 3, &out);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "box encodings must be [1, boxes, 4 or more]");
    const int32_t batch2[3] = {2, 6, 4}, rank2[2] = {6, 4};
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, batch2, 3, big, 0, 0);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "box encodings must be [1, boxes, 4 or more]");
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_tensor(&ctx, 0, TFLM_TYPE_FLOAT32, rank2, 2, big, 0, 0);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "box encodings must be [1, boxes, 4 or more]");
    /* quantized inputs (TFLM's kernel has float only) */
    const int32_t box_dims[3] = {1, 6, 4};
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_tensor(&ctx, 0, TFLM_TYPE_INT8, box_dims, 3, big, 0.1f, 0);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "must be FLOAT32");
    /* an int32 output */
    const int32_t slots3[2] = {1, 3};
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_tensor(&ctx, 4, TFLM_TYPE_INT32, slots3, 2, out.classes, 0, 0);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "must be FLOAT32");
    /* max_detections 3 does not fit outputs of 2 detections */
    setup(&ctx, big, 6, 4, big, 3, big, 2, &out);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "outputs hold 2 detections; max_detections 3");
    /* classes of 4 with boxes of 3 */
    const int32_t slots4[2] = {1, 4};
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_tensor(&ctx, 4, TFLM_TYPE_FLOAT32, slots4, 2, out.classes, 0, 0);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "outputs must be boxes [.., N, 4]");
    /* num_detections of no element */
    const int32_t empty[1] = {0};
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_tensor(&ctx, 6, TFLM_TYPE_FLOAT32, empty, 1, &out.count, 0, 0);
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "num_detections [1]");
    /* 2 inputs */
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    ctx.inputs[0] = 2;
    harness_custom_options(&ctx, tflm_options, size);
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "expected 3 inputs and 4 outputs, got 2 and 4");
}

static void test_option_rejections(void)
{
    static tflm_context ctx;
    static float big[64 * 8];
    detections out;
    flex_builder b;

    /* no options, and options that are not a map */
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    expect_refused(&ctx, TFLM_ERROR_MALFORMED_MODEL, "custom options must be a FlexBuffers map");
    static const uint8_t not_a_map[3] = {7, 4, 1}; /* the int 7 */
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_custom_options(&ctx, not_a_map, sizeof not_a_map);
    expect_refused(&ctx, TFLM_ERROR_MALFORMED_MODEL, "custom options must be a FlexBuffers map");

    /* each required key missing */
    static const char *const required[9] = {
        "max_detections", "max_classes_per_detection", "num_classes", "nms_score_threshold",
        "nms_iou_threshold", "y_scale", "x_scale", "h_scale", "w_scale"};
    for (int missing = 0; missing < 9; missing++) {
        flex_begin(&b);
        for (int k = 0; k < 9; k++) {
            if (k == missing) {
                continue;
            }
            if (k < 3) {
                flex_int(&b, required[k], k == 2 ? 2 : 3);
            } else {
                flex_float(&b, required[k], k == 3 ? 0.0 : 0.5);
            }
        }
        setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
        harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
        char text[64];
        snprintf(text, sizeof text, "option \"%s\" missing", required[missing]);
        expect_refused(&ctx, TFLM_ERROR_MALFORMED_MODEL, text);
    }

    /* out of range: IoU threshold 0 and above 1, negative max_detections,
     * num_classes 0 and INT32_MAX, max_classes_per_detection 0 (fast), detections_per_class
     * 0 (regular), use_regular_nms not a bool */
    static const struct {
        const char *key;
        double value;
        const char *text;
    } bad[] = {
        {"nms_iou_threshold", 0.0, "option \"nms_iou_threshold\" must be in (0, 1]"},
        {"nms_iou_threshold", 1.5, "option \"nms_iou_threshold\" must be in (0, 1]"},
        {"max_detections", -1, "option \"max_detections\" out of range"},
        {"num_classes", 0, "option \"num_classes\" out of range"},
        /* one more, a background class, must still be an int32 (fuzz finding) */
        {"num_classes", 2147483647.0, "option \"num_classes\" out of range"},
        {"max_classes_per_detection", 0, "\"max_classes_per_detection\" must be positive"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        flex_begin(&b);
        flex_int(&b, "max_detections", strcmp(bad[i].key, "max_detections") ? 3 : -1);
        flex_int(&b, "max_classes_per_detection",
                 strcmp(bad[i].key, "max_classes_per_detection") ? 1 : 0);
        flex_int(&b, "num_classes", strcmp(bad[i].key, "num_classes") ? 2 : (int64_t)bad[i].value);
        flex_float(&b, "nms_score_threshold", 0.0);
        flex_float(&b, "nms_iou_threshold",
                   strcmp(bad[i].key, "nms_iou_threshold") ? 0.5 : bad[i].value);
        flex_float(&b, "y_scale", 10.0);
        flex_float(&b, "x_scale", 10.0);
        flex_float(&b, "h_scale", 5.0);
        flex_float(&b, "w_scale", 5.0);
        setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
        harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
        expect_refused(&ctx, TFLM_ERROR_MALFORMED_MODEL, bad[i].text);
    }
    base_options(&b, 3, 1, 2);
    flex_bool(&b, "use_regular_nms", true);
    flex_int(&b, "detections_per_class", 0);
    setup(&ctx, big, 6, 4, big, 3, big, 3, &out);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    expect_refused(&ctx, TFLM_ERROR_MALFORMED_MODEL, "\"detections_per_class\" must be positive");
    /* but regular NMS ignores max_classes_per_detection, as TFLM */
    base_options(&b, 3, 0, 2);
    flex_bool(&b, "use_regular_nms", true);
    setup(&ctx, boxes4, 6, 4, scores3, 3, anchors6, 3, &out);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_OK, harness_invoke(&ctx));
    harness_free(&ctx);
    /* fast NMS with 2 classes per detection needs 6 slots for 3 detections */
    base_options(&b, 3, 2, 2);
    setup(&ctx, big, 6, 4, big, 3, big, 5, &out);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "outputs hold 5 detections; max_detections 3");
    base_options(&b, 70000, 70000, 2);
    setup(&ctx, big, 6, 4, big, 3, big, 5, &out);
    harness_custom_options(&ctx, b.buf, (uint32_t)flex_end(&b));
    expect_refused(&ctx, TFLM_ERROR_KERNEL, "outputs hold 5 detections");
}

/* A box that decodes empty (an anchor of height 0) fails the invoke. */
static void test_invalid_box(void)
{
    static tflm_context ctx;
    static float anchors[24];
    detections out;
    memcpy(anchors, anchors6, sizeof anchors);
    anchors[4 * 2 + 2] = 0.0f;
    setup(&ctx, boxes4, 6, 4, scores3, 3, anchors, 3, &out);
    harness_custom_options(&ctx, tflm_options, sizeof tflm_options);
    CHECK_EQ_INT(TFLM_OK, harness_prepare(&ctx));
    CHECK_EQ_INT(TFLM_ERROR_KERNEL, harness_invoke(&ctx));
    CHECK(strstr(ctx.formatted, "a decoded box is empty or inverted") != NULL);
    harness_free(&ctx);
}

int main(void)
{
    test_tflm_cases();
    test_defaults();
    test_random();
    test_decoding();
    test_scratch();
    test_shape_rejections();
    test_option_rejections();
    test_invalid_box();
    TEST_MAIN_END();
}
