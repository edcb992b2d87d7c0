/*
 * detection_postprocess.h - TFLite_Detection_PostProcess, the last step of
 * SSD detectors (TFLM's kernels/detection_postprocess.cc): decodes box
 * encodings against anchors, then keeps the best-scoring boxes that do not
 * overlap (non-maximum suppression, NMS).
 *
 * Inputs (FLOAT32): box encodings [1, boxes, 4 + extra] (y, x, h, w, then
 * keypoints, ignored), class scores [1, boxes, classes (+1 when column 0
 * is a background class, skipped)], anchors [boxes, 4] (y, x, h, w).
 * Outputs (FLOAT32): boxes [.., slots, 4] (ymin, xmin, ymax, xmax), classes
 * [.., slots], scores [.., slots] and num_detections [1].
 *
 * Decoding, per box and anchor a:
 *   yc = y / y_scale * a.h + a.y        half_h = 0.5 * exp(h / h_scale) * a.h
 *   xc = x / x_scale * a.w + a.x        half_w = 0.5 * exp(w / w_scale) * a.w
 *   box = (yc - half_h, xc - half_w, yc + half_h, xc + half_w)
 * TFLM computes these in double with std::exp and rounds to float; here
 * they are float operations and tflm_expf (no double code on a Cortex-M),
 * within a few ulp of TFLM's. A decoded box with ymin >= ymax or xmin >=
 * xmax fails the invoke, as in TFLM.
 *
 * Single-class NMS, TFLM's NonMaxSuppressionSingleClassHelper: the boxes
 * whose score is >= score_threshold, by decreasing score (equal scores in
 * box order: TFLM's stable merge sort); each box still active is selected
 * and deactivates the later ones whose intersection over union with it is
 * > iou_threshold, until `limit` are selected.
 *
 * Fast NMS (use_regular_nms false): each box's best class score (the
 * lowest class on ties) goes through single-class NMS with limit
 * max_detections; each selected box gives its k = min(max_classes_per_
 * detection, classes) best classes (decreasing score, ties by class).
 * Detection j of box i (in selection order) is slot
 * i * max_classes_per_detection + j, and num_detections counts the boxes.
 * With k = 1 (every model TFLM's tests and the TF exporters make) that is
 * exactly TFLM's output. For k > 1 this is TF Lite's layout: TFLM's
 * advances its slot index inside the class loop, writes past its outputs'
 * max_detections * max_classes_per_detection slots and counts classes.
 *
 * Regular NMS (use_regular_nms true): single-class NMS of every class with
 * limit detections_per_class; after each class the detections so far and
 * the new ones are merged by decreasing score (earlier ones first on
 * ties, as TFLM's partial sort by score then position) and the first
 * max_detections kept.
 *
 * Slots past the detections are zero (TFLM leaves fast NMS's untouched).
 */
#ifndef TFLM_DETECTION_POSTPROCESS_H
#define TFLM_DETECTION_POSTPROCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tflm_detection_params {
    int32_t boxes;        /* anchors, box encodings, rows of scores (>= 1)   */
    int32_t box_stride;   /* floats per box encoding (>= 4)                  */
    int32_t classes;      /* num_classes (>= 1)                              */
    int32_t label_offset; /* 1: scores have a background column 0, else 0    */
    int32_t slots;        /* detections the outputs hold                     */
    int32_t max_detections;
    int32_t max_classes_per_detection; /* fast NMS (>= 1)                    */
    int32_t detections_per_class;      /* regular NMS (>= 1)                 */
    bool regular_nms;
    float score_threshold;
    float iou_threshold; /* in (0, 1] */
    float y_scale, x_scale, h_scale, w_scale;
} tflm_detection_params;

/* Detections the outputs must hold: max_detections for regular NMS,
 * max_detections * max_classes_per_detection for fast NMS (-1 when that
 * exceeds int32). */
int64_t tflm_detection_postprocess_slots_needed(const tflm_detection_params *params);

/* Bytes of scratch tflm_detection_postprocess_f32 needs (0 when they do not
 * fit a size_t). */
size_t tflm_detection_postprocess_scratch_size(const tflm_detection_params *params);

/* Runs the op on the inputs into the outputs (boxes 4 * slots floats,
 * classes and scores slots floats, num_detections 1) with scratch of
 * tflm_detection_postprocess_scratch_size bytes, aligned to 4. Returns
 * false, leaving the outputs unspecified, when a decoded box is empty or
 * inverted. */
bool tflm_detection_postprocess_f32(const tflm_detection_params *params,
                                    const float *box_encodings, const float *class_scores,
                                    const float *anchors, void *scratch, float *boxes,
                                    float *classes, float *scores, float *num_detections);

#endif /* TFLM_DETECTION_POSTPROCESS_H */
