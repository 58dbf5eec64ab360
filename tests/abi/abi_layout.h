/* Facts about the plugin ABI (struct sizes, field offsets, constants, ids), collected by
 * abi_layout.c against each frozen copy of the headers (v1.0, v1.1) and against the current
 * ones, so a test can compare them: every fact of every frozen minor must still hold (struct
 * sizes and the minor version may only grow). */
#ifndef KLAUDE_TESTS_ABI_LAYOUT_H
#define KLAUDE_TESTS_ABI_LAYOUT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct klaude_abi_fact {
    char kind;        /* 'S' struct size, 'F' field, 'C' constant, 'T' text, 'V' version number that
                         may only grow; 0 ends the table */
    const char* name; /* "klaude_host_t.log", "KLAUDE_EVENT_FLUSH", … */
    uint64_t value;   /* size, offset or constant */
    uint64_t size;    /* field size */
    const char* text; /* for 'T' */
} klaude_abi_fact_t;

const klaude_abi_fact_t* klaude_abi_facts_v1_0(void);
const klaude_abi_fact_t* klaude_abi_facts_v1_1(void);
const klaude_abi_fact_t* klaude_abi_facts_current(void);
const char* klaude_abi_status_name_v1_0(int32_t status);
const char* klaude_abi_status_name_v1_1(int32_t status);
const char* klaude_abi_status_name_current(int32_t status);

#ifdef __cplusplus
}
#endif

#endif /* KLAUDE_TESTS_ABI_LAYOUT_H */
