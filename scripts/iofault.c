/*
 * An I/O fault injector for the tests, loaded with LD_PRELOAD: fails the Nth write(2) to a regular file, fsync(2)
 * or rename(2) of the process with an errno, as a full disk or a failing device would.
 *
 *   IOFAULT_KIND=write|fsync|rename   which calls are counted
 *   IOFAULT_N=N                       the call that fails (1-based; 0: none, only count)
 *   IOFAULT_ERRNO=28                  the errno it fails with (default ENOSPC)
 *   IOFAULT_REPORT=PATH               where to write "<kind> <calls counted> <fired 0|1>" at exit
 *
 * Build: cc -shared -fPIC -O1 -o iofault.so scripts/iofault.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static atomic_long calls;
static atomic_int fired;

static const char *kind(void) {
    const char *k = getenv("IOFAULT_KIND");
    return k != NULL ? k : "";
}

/* Whether this call (of kind `name`) is the one to fail; counts it. */
static int should_fail(const char *name) {
    if (strcmp(kind(), name) != 0) return 0;
    long n = atol(getenv("IOFAULT_N") != NULL ? getenv("IOFAULT_N") : "0");
    long call = atomic_fetch_add(&calls, 1) + 1;
    if (n <= 0 || call != n) return 0;
    atomic_store(&fired, 1);
    const char *e = getenv("IOFAULT_ERRNO");
    errno = e != NULL ? atoi(e) : ENOSPC;
    return 1;
}

ssize_t write(int fd, const void *buffer, size_t count) {
    static ssize_t (*real)(int, const void *, size_t);
    if (real == NULL) real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    struct stat info;
    /* Only writes to files count: the terminal and pipes are not the disk. */
    if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && should_fail("write")) return -1;
    return real(fd, buffer, count);
}

int fsync(int fd) {
    static int (*real)(int);
    if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    if (should_fail("fsync")) return -1;
    return real(fd);
}

int rename(const char *from, const char *to) {
    static int (*real)(const char *, const char *);
    if (real == NULL) real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    if (should_fail("rename")) return -1;
    return real(from, to);
}

__attribute__((destructor)) static void report(void) {
    const char *path = getenv("IOFAULT_REPORT");
    if (path == NULL || kind()[0] == '\0') return;
    FILE *f = fopen(path, "w");
    if (f == NULL) return;
    fprintf(f, "%s %ld %d\n", kind(), atomic_load(&calls), atomic_load(&fired));
    fclose(f);
}
