/* Stand-ins for libcublas / libcusolver with the prototypes of cublas_api.h and cusolverDn.h
 * (CUDA 12/13), for FfmLibrariesTest: they log every argument they receive to LOG_PATH so that
 * the test can check the FFM marshalling (order, widths, host scalars), and CREATE_STATUS sets
 * what the Create calls return (1 = NOT_INITIALIZED, as without a device). Not CUDA: no math. */
#include <stdio.h>
#include <stdint.h>

typedef struct { float x, y; } cuComplex;
static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
static void logf_(const char *fmt, ...) {
    FILE *f = fopen(LOG_PATH, "a");
    if (!f) return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
    fclose(f);
}
#define P(p) ((unsigned long long)(uintptr_t)(p))

#ifdef CUBLAS
int cublasCreate_v2(void **handle) { *handle = (void *)0xb1a5; logf_("cublasCreate_v2"); return CREATE_STATUS; }
int cublasSetStream_v2(void *h, void *s) { logf_("cublasSetStream_v2 %llx %llx", P(h), P(s)); return 0; }
int cublasDestroy_v2(void *h) { logf_("cublasDestroy_v2 %llx", P(h)); return 0; }
int cublasGetVersion_v2(void *h, int *v) { *v = 130001; return 0; }
int cublasSgemmStridedBatched(void *h, int ta, int tb, int m, int n, int k, const float *alpha, const float *A,
        int lda, long long sA, const float *B, int ldb, long long sB, const float *beta, float *C, int ldc,
        long long sC, int batch) {
    logf_("S %llx %d %d %d %d %d %g %llx %d %lld %llx %d %lld %g %llx %d %lld %d", P(h), ta, tb, m, n, k, *alpha,
          P(A), lda, sA, P(B), ldb, sB, *beta, P(C), ldc, sC, batch);
    return 0;
}
int cublasCgemmStridedBatched(void *h, int ta, int tb, int m, int n, int k, const cuComplex *alpha,
        const cuComplex *A, int lda, long long sA, const cuComplex *B, int ldb, long long sB, const cuComplex *beta,
        cuComplex *C, int ldc, long long sC, int batch) {
    logf_("C %llx %d %d %d %d %d %g,%g %llx %d %lld %llx %d %lld %g,%g %llx %d %lld %d", P(h), ta, tb, m, n, k,
          alpha->x, alpha->y, P(A), lda, sA, P(B), ldb, sB, beta->x, beta->y, P(C), ldc, sC, batch);
    return 13; /* EXECUTION_FAILED: the error path */
}
#endif

#ifdef CUSOLVER
int cusolverDnCreate(void **handle) { *handle = (void *)0x5017; logf_("cusolverDnCreate"); return CREATE_STATUS; }
int cusolverDnSetStream(void *h, void *s) { logf_("cusolverDnSetStream %llx %llx", P(h), P(s)); return 0; }
int cusolverDnDestroy(void *h) { logf_("cusolverDnDestroy %llx", P(h)); return 0; }
int cusolverGetVersion(int *v) { *v = 11701; return 0; }
int cusolverDnDgesvd_bufferSize(void *h, int m, int n, int *lwork) {
    *lwork = 5 * n + 1;
    logf_("Dbuf %llx %d %d", P(h), m, n);
    return 0;
}
int cusolverDnDgesvd(void *h, signed char jobu, signed char jobvt, int m, int n, double *A, int lda, double *S,
        double *U, int ldu, double *VT, int ldvt, double *work, int lwork, double *rwork, int *info) {
    logf_("D %llx %c %c %d %d %llx %d %llx %llx %d %llx %d %llx %d %llx %llx", P(h), jobu, jobvt, m, n, P(A), lda,
          P(S), P(U), ldu, P(VT), ldvt, P(work), lwork, P(rwork), P(info));
    return 0;
}
#endif
