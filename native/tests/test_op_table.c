/* The op table of tflm/ops.def: what tflm_op_table_entry reports for each
 * kernel, and tflm_op_resolver_add_all in storage of TFLM_OP_COUNT. */
#include <string.h>

#include "test.h"
#include "tflm/ops.h"

static void test_entries(void)
{
    const size_t size = tflm_op_table_size();
    CHECK(size > TFLM_OP_COUNT); /* the general kernels and the INT8-only variants */
    size_t general = 0;
    for (size_t i = 0; i < size; i++) {
        tflm_op_info info;
        CHECK_EQ_INT(TFLM_OK, tflm_op_table_entry(i, &info));
        CHECK(info.kernel != NULL && info.kernel->invoke != NULL);
        CHECK(strncmp(info.symbol, "tflm_op_", 8) == 0);
        CHECK(info.name == info.kernel->name && info.builtin_code == info.kernel->builtin_code);
        CHECK(info.custom_name == info.kernel->custom_name);
        const size_t length = strlen(info.symbol);
        CHECK(info.int8_only == (length > 5 && strcmp(info.symbol + length - 5, "_int8") == 0));
        general += !info.int8_only;
        for (size_t j = 0; j < i; j++) {
            tflm_op_info other;
            tflm_op_table_entry(j, &other);
            CHECK(strcmp(other.symbol, info.symbol) != 0);
            /* One general kernel per op (per name for custom ops): add_all
             * registers them all. */
            CHECK(info.int8_only || other.int8_only || other.builtin_code != info.builtin_code ||
                  (info.builtin_code == TFLM_BUILTIN_CUSTOM &&
                   strcmp(info.custom_name, other.custom_name) != 0));
        }
    }
    CHECK_EQ_INT(TFLM_OP_COUNT, general);
    tflm_op_info info;
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT, tflm_op_table_entry(size, &info));
    CHECK_EQ_INT(TFLM_ERROR_INVALID_ARGUMENT, tflm_op_table_entry(0, NULL));
    /* ADD's entry, wherever the alphabetical table puts it. */
    size_t add = 0;
    while (add < size && (tflm_op_table_entry(add, &info), info.kernel != &tflm_op_add)) {
        add++;
    }
    CHECK(add < size);
    CHECK(strcmp(info.symbol, "tflm_op_add") == 0 && strcmp(info.name, "ADD") == 0 &&
          info.builtin_code == TFLM_BUILTIN_ADD && info.custom_name == NULL && !info.int8_only);
}

static void test_add_all(void)
{
    const tflm_kernel *storage[TFLM_OP_COUNT];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    CHECK_EQ_INT(TFLM_OP_COUNT, ops.count);
    for (size_t i = 0; i < tflm_op_table_size(); i++) {
        tflm_op_info info;
        tflm_op_table_entry(i, &info);
        CHECK(tflm_op_resolver_supports(&ops, info.builtin_code, info.custom_name));
    }
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT - 1);
    CHECK_EQ_INT(TFLM_ERROR_RESOLVER_FULL, tflm_op_resolver_add_all(&ops));
}

int main(void)
{
    test_entries();
    test_add_all();
    TEST_MAIN_END();
}
