/*
 * nodelay.so — LD_PRELOAD shim for pcscd that sets TCP_NODELAY on every TCP socket returned by
 * accept()/accept4() or connected with connect(). It works around the ~44 ms Nagle/delayed-ACK
 * stall of Debian's vpcd 0.8, which sends each frame as two send()s (length, then payload):
 * see shared/spec/pcsc.md "The 44 ms stall and its fix", vsmartcard PR #252 / issue #322.
 *
 * Non-TCP sockets (the UNIX socket pcscd serves clients on, netlink, …) are left alone: the
 * setsockopt is only attempted when SO_DOMAIN is AF_INET/AF_INET6 and SO_TYPE is SOCK_STREAM,
 * and its result is ignored. errno is preserved, so callers see exactly what libc returned.
 *
 * Build: cc -shared -fPIC -O2 -o nodelay.so nodelay.c -ldl
 * Use:   LD_PRELOAD=/path/nodelay.so pcscd --foreground
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

typedef int (*accept_fn)(int, struct sockaddr *, socklen_t *);
typedef int (*accept4_fn)(int, struct sockaddr *, socklen_t *, int);
typedef int (*connect_fn)(int, const struct sockaddr *, socklen_t);

static void set_nodelay(int fd) {
  int saved = errno;
  int domain = 0, type = 0;
  socklen_t len = sizeof domain;
  if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0 && (domain == AF_INET || domain == AF_INET6)) {
    len = sizeof type;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM) {
      int one = 1;
      (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
  }
  errno = saved;
}

int accept(int fd, struct sockaddr *addr, socklen_t *addrlen) {
  static accept_fn real;
  if (!real) real = (accept_fn)dlsym(RTLD_NEXT, "accept");
  if (!real) {
    errno = ENOSYS;
    return -1;
  }
  int s = real(fd, addr, addrlen);
  if (s >= 0) set_nodelay(s);
  return s;
}

int accept4(int fd, struct sockaddr *addr, socklen_t *addrlen, int flags) {
  static accept4_fn real;
  if (!real) real = (accept4_fn)dlsym(RTLD_NEXT, "accept4");
  if (!real) {
    errno = ENOSYS;
    return -1;
  }
  int s = real(fd, addr, addrlen, flags);
  if (s >= 0) set_nodelay(s);
  return s;
}

int connect(int fd, const struct sockaddr *addr, socklen_t addrlen) {
  static connect_fn real;
  if (!real) real = (connect_fn)dlsym(RTLD_NEXT, "connect");
  if (!real) {
    errno = ENOSYS;
    return -1;
  }
  /* Set before connecting so the very first segments already go out without Nagle. */
  if (addr && (addr->sa_family == AF_INET || addr->sa_family == AF_INET6)) set_nodelay(fd);
  return real(fd, addr, addrlen);
}
