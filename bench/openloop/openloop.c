/* openloop: an open-loop HTTP/1.1 load generator for the bench kit (bench/README.md, "Open loop").
 *
 *   openloop -r RATE -c CONNECTIONS -d SECONDS [-w WARMUP] [-t THREADS] [-g TICK_US] [-s STATUSES] -f REQUESTS HOST PORT
 *   openloop -T                      self-test of the response parser, the request file splitter and the histogram
 *
 * Requests leave on a fixed schedule: request i of the run is due at start + i / RATE, whatever the server does.
 * Each of the keep-alive connections carries one request at a time (no pipelining); a due request takes the
 * connection that has been free the longest, and waits while none is free. Its latency is measured from the time
 * it was due to the end of its response, so the time it waited for a connection counts (coordinated omission
 * corrected, as wrk2 does). REQUESTS is a file of raw HTTP/1.1 requests one after the other (each its header
 * block and a Content-Length body), sent in turn and cycled. Responses are read by Content-Length or chunked.
 * With -t, each thread runs its own connections and every THREADS-th slot of the schedule.
 * -r max: a closed loop instead (every connection sends its next request as soon as its response is in: the peak
 * this generator gets from the server, at its own CPU cost per request); latency then from the actual send.
 *
 * -g TICK_US (default 0: none): the generator wakes at most once per TICK µs (a periodic tick while requests are
 * out; otherwise at the next due time, no earlier than one tick after the last wake-up) and then reads every
 * response that arrived and sends every request due. Without it, it wakes for each due time and each response,
 * up to two wake-ups per request, each a context switch on a machine whose cores the server keeps busy (and at
 * real-time priority a preemption of a server thread). With it, a send may start up to TICK late and a response
 * is timed up to TICK after its arrival: both count in the latency (never less than the truth), so TICK must be
 * small against the latencies measured (e.g. 100-200 µs against a 5 ms target).
 *
 * Prints the rate achieved, latency percentiles from a log-linear histogram (1 µs resolution below 256 µs, then
 * 128 buckets per power of two: < 0.8 % error), statuses, errors, late starts (the generator's own delay: a
 * send more than 1 ms after both its due time and a connection were ready) and its own CPU time; then the same
 * as "LK name value" lines for bench/lib.sh. Requests due in the warm-up are sent but not counted. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SUB_BITS 7
#define SUB (1 << SUB_BITS)
#define BUCKETS (64 * SUB)
#define LATE_NS 1000000ULL
#define MAX_THREADS 64

typedef struct { const char *data; size_t len; } request;

typedef struct {
  uint64_t counts[BUCKETS], total, max_us;
} histogram;

typedef struct {
  int fd, busy, out;           /* out: waiting for the socket to take the rest of the request */
  uint64_t due, sent, free_since; /* ns: the outstanding request's due and send times; when it was last free */
  const request *req;
  size_t written, len, cap;
  char *buf;
} conn;

typedef struct {
  int id, epoll;
  conn *conns;
  int *free_ring, free_head, free_count; /* free connections, longest free first */
  uint64_t next;                        /* this thread's next slot (global slot index = next * threads + id) */
  uint64_t sent, done, all_done, statuses[600], bad_status, socket_errors, reconnects, late, waited, unsent, unfinished;
  uint64_t max_late_ns, wakeups;
  histogram hist, service;               /* from the due time; from the actual send (what wrk measures) */
} worker;

static struct {
  const char *host; int port, connections, threads;
  uint64_t tick_ns;
  double rate, duration, warmup;
  request *reqs; size_t nreqs;
  int expected[600], any_2xx;
  uint64_t start, warm_end, end;
  struct sockaddr_in addr;
} cfg;

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000000000ULL + (uint64_t) ts.tv_nsec;
}

/* ---- histogram ---- */

static int bucket_of(uint64_t us) {
  if (us < 2 * SUB) return (int) us;
  int shift = 63 - __builtin_clzll(us) - SUB_BITS;
  int i = (shift + 1) * SUB + (int) (us >> shift) - SUB;
  return i < BUCKETS ? i : BUCKETS - 1;
}

static uint64_t bucket_top(int i) { /* the largest value that falls in bucket i */
  if (i < 2 * SUB) return (uint64_t) i;
  int shift = i / SUB - 1;
  return (((uint64_t) (i % SUB + SUB) + 1) << shift) - 1;
}

static void hist_add(histogram *h, uint64_t us) {
  h->counts[bucket_of(us)]++;
  h->total++;
  if (us > h->max_us) h->max_us = us;
}

static void hist_merge(histogram *into, const histogram *h) {
  for (int i = 0; i < BUCKETS; i++) into->counts[i] += h->counts[i];
  into->total += h->total;
  if (h->max_us > into->max_us) into->max_us = h->max_us;
}

static uint64_t hist_percentile(const histogram *h, double p) {
  uint64_t want = (uint64_t) (p / 100.0 * (double) h->total + 0.999999), seen = 0;
  if (want == 0) want = 1;
  for (int i = 0; i < BUCKETS; i++) {
    seen += h->counts[i];
    if (seen >= want) return bucket_top(i) < h->max_us ? bucket_top(i) : h->max_us;
  }
  return h->max_us;
}

/* ---- HTTP/1.1 responses: 1 complete (status, length, close set), 0 incomplete, -1 malformed ---- */

static const char *find(const char *p, size_t n, const char *what) { return memmem(p, n, what, strlen(what)); }

static int header_is(const char *line, const char *end, const char *name, const char **value) {
  size_t n = strlen(name);
  if ((size_t) (end - line) <= n || strncasecmp(line, name, n) != 0 || line[n] != ':') return 0;
  for (*value = line + n + 1; *value < end && (**value == ' ' || **value == '\t'); (*value)++) {}
  return 1;
}

static int parse_response(const char *buf, size_t len, int *status, size_t *length, int *close) {
  const char *head_end = find(buf, len, "\r\n\r\n");
  if (!head_end) return 0;
  if (len < 12 || memcmp(buf, "HTTP/1.", 7) != 0 || buf[8] != ' ') return -1;
  *status = atoi(buf + 9);
  if (*status < 100 || *status > 599) return -1;
  *close = buf[7] == '0';
  long content_length = -1;
  int chunked = 0;
  const char *line = find(buf, len, "\r\n") + 2, *value;
  while (line < head_end + 2) {
    const char *eol = find(line, (size_t) (head_end + 2 - line), "\r\n");
    if (header_is(line, eol, "content-length", &value)) content_length = strtol(value, NULL, 10);
    else if (header_is(line, eol, "transfer-encoding", &value)) chunked = find(value, (size_t) (eol - value), "chunked") != NULL;
    else if (header_is(line, eol, "connection", &value)) *close = strncasecmp(value, "close", 5) == 0;
    line = eol + 2;
  }
  size_t body = (size_t) (head_end + 4 - buf);
  if (!chunked) {
    if (content_length < 0) content_length = 0; /* 204/304 or a body up to the close: not expected here */
    if (len < body + (size_t) content_length) return 0;
    *length = body + (size_t) content_length;
    return 1;
  }
  for (;;) { /* chunks: hex size [;extension] CRLF data CRLF ... 0 CRLF [trailers] CRLF */
    const char *eol = find(buf + body, len - body, "\r\n");
    if (!eol) return 0;
    char *hex_end;
    unsigned long size = strtoul(buf + body, &hex_end, 16);
    if (hex_end == buf + body) return -1;
    if (size == 0) {
      const char *trailers = eol + 2, *stop;
      if ((size_t) (trailers - buf) + 2 <= len && memcmp(trailers, "\r\n", 2) == 0) stop = trailers + 2;
      else if ((stop = find(trailers, len - (size_t) (trailers - buf), "\r\n\r\n"))) stop += 4;
      else return 0;
      *length = (size_t) (stop - buf);
      return 1;
    }
    body = (size_t) (eol + 2 - buf) + size + 2;
    if (len < body) return 0;
    if (memcmp(buf + body - 2, "\r\n", 2) != 0) return -1;
  }
}

/* ---- the request file: raw requests one after the other, each a header block and Content-Length bytes ---- */

static size_t split_requests(const char *data, size_t len, request *out, size_t max) {
  size_t n = 0, pos = 0;
  while (pos < len && n < max) {
    const char *head_end = find(data + pos, len - pos, "\r\n\r\n"), *value;
    if (!head_end) break;
    long content_length = 0;
    for (const char *line = data + pos; line < head_end;) {
      const char *eol = find(line, (size_t) (head_end + 2 - line), "\r\n");
      if (header_is(line, eol, "content-length", &value)) content_length = strtol(value, NULL, 10);
      line = eol + 2;
    }
    size_t end = (size_t) (head_end + 4 - data) + (size_t) content_length;
    if (end > len) break;
    out[n++] = (request) {data + pos, end - pos};
    while (end < len && (data[end] == '\r' || data[end] == '\n')) end++; /* blank lines between requests */
    pos = end;
  }
  return n;
}

/* ---- connections ---- */

static void die(const char *what) { perror(what); exit(1); }

static void free_push(worker *w, conn *c, uint64_t now) {
  c->busy = 0;
  c->free_since = now;
  int n = cfg.connections / cfg.threads + 1;
  w->free_ring[(w->free_head + w->free_count++) % n] = (int) (c - w->conns);
}

static conn *free_pop(worker *w) {
  int n = cfg.connections / cfg.threads + 1;
  conn *c = &w->conns[w->free_ring[w->free_head]];
  w->free_head = (w->free_head + 1) % n;
  w->free_count--;
  return c;
}

static void open_conn(worker *w, conn *c) {
  int one = 1;
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (c->fd < 0) die("socket");
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(c->fd, (struct sockaddr *) &cfg.addr, sizeof cfg.addr) != 0) die("connect"); /* blocking: local */
  ioctl(c->fd, FIONBIO, &one);
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
  if (epoll_ctl(w->epoll, EPOLL_CTL_ADD, c->fd, &ev) != 0) die("epoll_ctl");
  c->len = 0;
  c->out = 0;
}

static void reopen_conn(worker *w, conn *c, uint64_t now) { /* a free connection stays in the ring */
  close(c->fd);
  w->reconnects++;
  open_conn(w, c);
  if (c->busy) free_push(w, c, now);
}

static void want_output(worker *w, conn *c, int on) {
  struct epoll_event ev = {.events = EPOLLIN | (on ? EPOLLOUT : 0), .data.ptr = c};
  epoll_ctl(w->epoll, EPOLL_CTL_MOD, c->fd, &ev);
}

static void fail(worker *w, conn *c, uint64_t now) { /* the request on it, if any, is lost */
  w->socket_errors++;
  reopen_conn(w, c, now);
}

static void write_some(worker *w, conn *c, uint64_t now) {
  while (c->written < c->req->len) {
    ssize_t n = write(c->fd, c->req->data + c->written, c->req->len - c->written);
    if (n < 0 && errno == EAGAIN) { if (!c->out) want_output(w, c, c->out = 1); return; }
    if (n <= 0) { fail(w, c, now); return; }
    c->written += (size_t) n;
  }
  if (c->out) want_output(w, c, c->out = 0);
}

static int counted(uint64_t due) { return due >= cfg.warm_end; }

static void send_request(worker *w, conn *c, uint64_t due, uint64_t now) {
  uint64_t ready = due > c->free_since ? due : c->free_since;
  if (counted(due)) {
    w->sent++;
    if (c->free_since > due) w->waited++;
    if (now - ready > LATE_NS) w->late++;
    if (now - ready > w->max_late_ns) w->max_late_ns = now - ready;
  }
  c->req = &cfg.reqs[(w->next * (uint64_t) cfg.threads + (uint64_t) w->id) % cfg.nreqs];
  c->due = due;
  c->sent = now;
  c->busy = 1;
  c->written = 0;
  write_some(w, c, now);
}

static void read_some(worker *w, conn *c, uint64_t now) {
  for (;;) { /* one read unless it fills the buffer: a short read took all there was */
    if (c->len == c->cap) {
      c->cap *= 2;
      if (!(c->buf = realloc(c->buf, c->cap))) die("realloc");
    }
    ssize_t n = read(c->fd, c->buf + c->len, c->cap - c->len);
    if (n < 0 && errno == EAGAIN) break;
    if (n == 0 && !c->busy && c->len == 0) { reopen_conn(w, c, now); return; } /* an idle connection closed */
    if (n <= 0) { fail(w, c, now); return; }
    c->len += (size_t) n;
    if (c->len < c->cap) break;
  }
  if (!c->busy) { if (c->len) fail(w, c, now); return; } /* bytes nobody asked for */
  int status, close_after;
  size_t length;
  int r = parse_response(c->buf, c->len, &status, &length, &close_after);
  if (r == 0) return;
  if (r < 0 || length != c->len) { fail(w, c, now); return; } /* malformed, or more than one response */
  w->all_done++;
  if (counted(c->due)) {
    w->done++;
    hist_add(&w->hist, (now - c->due) / 1000);
    hist_add(&w->service, (now - c->sent) / 1000);
    w->statuses[status]++;
    if (cfg.any_2xx ? status / 100 != 2 : !cfg.expected[status]) w->bad_status++;
  }
  c->len = 0;
  if (close_after) reopen_conn(w, c, now);
  else free_push(w, c, now);
}

static uint64_t due_of(const worker *w, uint64_t k) { /* this thread's slot k */
  if (cfg.rate == 0) return cfg.end;
  return cfg.start + (k * (uint64_t) cfg.threads + (uint64_t) w->id) * 1000000000ULL / (uint64_t) cfg.rate;
}

static void handle_events(worker *w, uint64_t until) { /* waits for events until `until` at the latest */
  struct epoll_event evs[64];
  int n;
  do { /* again while the array came back full (-g: many responses per tick) */
    uint64_t now = now_ns(), wait = until > now ? until - now : 0;
    struct timespec timeout = {.tv_sec = (time_t) (wait / 1000000000ULL), .tv_nsec = (long) (wait % 1000000000ULL)};
    n = epoll_pwait2(w->epoll, evs, 64, &timeout, NULL);
    for (int i = 0; i < n; i++) {
      conn *c = evs[i].data.ptr;
      now = now_ns();
      if (evs[i].events & EPOLLOUT) write_some(w, c, now);
      if (evs[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) read_some(w, c, now);
    }
  } while (n == 64);
}

static void tick(worker *w, uint64_t due, uint64_t *last) { /* -g: sleep to the next tick, then take all events */
  uint64_t at = *last + cfg.tick_ns;
  int connections = cfg.connections / cfg.threads + (w->id < cfg.connections % cfg.threads);
  if (w->free_count == connections && due > at) at = due; /* nothing out: only the next due time matters */
  if (at > cfg.end) at = cfg.end;
  struct timespec ts = {.tv_sec = (time_t) (at / 1000000000ULL), .tv_nsec = (long) (at % 1000000000ULL)};
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {}
  *last = now_ns();
  handle_events(w, 0); /* a deadline in the past: no waiting */
}

static void *run(void *arg) {
  worker *w = arg;
  uint64_t last = now_ns();
  for (;;) {
    uint64_t now = now_ns(), due = due_of(w, w->next);
    if (now >= cfg.end) break;
    if (cfg.rate == 0) { /* -r max: a closed loop, each request due when sent */
      while (w->free_count > 0) { send_request(w, free_pop(w), now, now); w->next++; }
      due = cfg.end;
    }
    while (w->free_count > 0 && due <= now) {
      send_request(w, free_pop(w), due, now);
      due = due_of(w, ++w->next);
    }
    w->wakeups++;
    if (cfg.tick_ns) tick(w, w->free_count > 0 ? due : cfg.end, &last);
    else handle_events(w, due <= now || due > cfg.end ? cfg.end : due); /* all busy: a response or the end wakes us */
  }
  for (uint64_t due = due_of(w, w->next); cfg.rate > 0 && due < cfg.end; due = due_of(w, ++w->next)) /* never got a connection */
    if (counted(due) && due + cfg.tick_ns <= cfg.end) w->unsent++; /* -g: not those due in the last tick (asleep) */
  uint64_t drain_end = cfg.end + 2000000000ULL; /* in-flight responses get 2 s more */
  for (;;) {
    int busy = 0;
    for (int i = 0; i < cfg.connections / cfg.threads + (w->id < cfg.connections % cfg.threads); i++)
      busy += w->conns[i].busy && counted(w->conns[i].due);
    w->unfinished = (uint64_t) busy;
    if (!busy || now_ns() >= drain_end) break;
    handle_events(w, drain_end);
  }
  return NULL;
}

/* ---- self-test (-T) ---- */

static int checks, failures;
static void check(int ok, const char *what) {
  checks++;
  if (!ok) { failures++; fprintf(stderr, "FAILED: %s\n", what); }
}

static void check_response(const char *text, int want_status, int want_close, const char *what) {
  size_t len = strlen(text), length = 0;
  int status = 0, close_after = 0;
  for (size_t cut = 0; cut < len; cut++) /* every prefix is incomplete */
    if (parse_response(text, cut, &status, &length, &close_after) != 0) { check(0, what); return; }
  check(parse_response(text, len, &status, &length, &close_after) == 1 && length == len && status == want_status &&
        close_after == want_close, what);
  char twice[4096]; /* a complete response followed by more bytes: its own length */
  snprintf(twice, sizeof twice, "%s%s", text, text);
  check(parse_response(twice, 2 * len, &status, &length, &close_after) == 1 && length == len, what);
}

static int self_test(void) {
  check_response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"bcd\"}", 200, 0,
                 "content-length");
  check_response("HTTP/1.1 400 Bad Request\r\ncontent-length:0\r\n\r\n", 400, 0, "empty body, lower case");
  check_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1a;ext=1\r\n"
                 "abcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n", 200, 0, "chunked");
  check_response("HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Trailer: y\r\n\r\n",
                 201, 0, "chunked with a trailer");
  check_response("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno", 503, 1,
                 "connection close");
  check_response("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, 1, "HTTP/1.0 closes");
  int status, close_after;
  size_t length;
  check(parse_response("HTTP/2 200\r\n\r\n", 14, &status, &length, &close_after) == -1, "not HTTP/1.x");
  check(parse_response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 52, &status, &length,
                       &close_after) == -1, "bad chunk size");

  const char *file = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                     "GET /b HTTP/1.1\r\nHost: x\r\n\r\n\n"
                     "POST /c HTTP/1.1\r\nContent-Length: 1\r\nHost: x\r\n\r\nz";
  request reqs[4];
  size_t n = split_requests(file, strlen(file), reqs, 4);
  check(n == 3, "three requests in the file");
  check(n == 3 && reqs[0].len == 51 && reqs[1].data[0] == 'G' && reqs[2].data[reqs[2].len - 1] == 'z', "their bounds");

  int monotonic = 1, close_enough = 1;
  for (uint64_t v = 0; v < 100000000; v = v < 1000 ? v + 1 : v + v / 97) {
    uint64_t top = bucket_top(bucket_of(v));
    if (v > 0 && bucket_of(v) < bucket_of(v - 1)) monotonic = 0;
    if (top < v || (double) (top - v) > 0.008 * (double) v + 1) close_enough = 0;
  }
  check(monotonic, "buckets grow with the value");
  check(close_enough, "a bucket's top is within 0.8 % of its values");
  static histogram h;
  for (uint64_t v = 1; v <= 1000; v++) hist_add(&h, v);
  uint64_t p50 = hist_percentile(&h, 50), p99 = hist_percentile(&h, 99);
  check(p50 >= 500 && p50 <= 504 && p99 >= 990 && p99 <= 997 && hist_percentile(&h, 100) == 1000,
        "percentiles of 1..1000 µs");
  printf("self-test: %d checks, %d failed\n", checks, failures);
  return failures != 0;
}

/* ---- main ---- */

static void usage(void) {
  fprintf(stderr, "usage: openloop -r RATE|max -c CONNECTIONS -d SECONDS [-w WARMUP_SECONDS] [-t THREADS] [-g TICK_US]\n"
                  "                [-s EXPECTED_STATUSES (e.g. 200,201; default any 2xx)] -f REQUEST_FILE HOST PORT\n"
                  "       openloop -T   (self-test)\n");
  exit(2);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) die(path);
  size_t cap = 1 << 16;
  char *data = malloc(cap);
  *len = 0;
  for (size_t n; data && (n = fread(data + *len, 1, cap - *len, f)) > 0;)
    if ((*len += n) == cap) data = realloc(data, cap *= 2);
  fclose(f);
  if (!data) die("read");
  return data;
}

int main(int argc, char **argv) {
  const char *file = NULL, *statuses = NULL;
  cfg.connections = 32; cfg.threads = 1;
  for (int opt; (opt = getopt(argc, argv, "r:c:d:w:t:g:s:f:T")) != -1;) {
    switch (opt) {
      case 'r': cfg.rate = strcmp(optarg, "max") == 0 ? -1 : atof(optarg); break;
      case 'c': cfg.connections = atoi(optarg); break;
      case 'd': cfg.duration = atof(optarg); break;
      case 'w': cfg.warmup = atof(optarg); break;
      case 't': cfg.threads = atoi(optarg); break;
      case 'g': cfg.tick_ns = (uint64_t) (atof(optarg) * 1000.0); break;
      case 's': statuses = optarg; break;
      case 'f': file = optarg; break;
      case 'T': return self_test();
      default: usage();
    }
  }
  if (cfg.rate == -1) cfg.rate = 0; /* max */
  else if (cfg.rate < 1) usage();
  if (argc - optind != 2 || !file || cfg.duration <= 0 || cfg.threads < 1 || cfg.threads > MAX_THREADS ||
      cfg.connections < cfg.threads) usage();
  cfg.host = argv[optind]; cfg.port = atoi(argv[optind + 1]);
  cfg.addr = (struct sockaddr_in) {.sin_family = AF_INET, .sin_port = htons((uint16_t) cfg.port)};
  if (inet_pton(AF_INET, cfg.host, &cfg.addr.sin_addr) != 1) { fprintf(stderr, "HOST: an IPv4 address\n"); usage(); }
  cfg.any_2xx = statuses == NULL;
  for (const char *p = statuses; p && *p; p += strspn(p, ", ")) {
    int s = (int) strtol(p, (char **) &p, 10);
    if (s < 100 || s > 599) usage();
    cfg.expected[s] = 1;
  }
  size_t len;
  char *data = read_file(file, &len);
  cfg.reqs = calloc(len / 16 + 1, sizeof *cfg.reqs);
  cfg.nreqs = split_requests(data, len, cfg.reqs, len / 16 + 1);
  if (cfg.nreqs == 0) { fprintf(stderr, "%s: no complete HTTP request (CRLF line ends, Content-Length)\n", file); exit(2); }
  prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL); /* timer wake-ups to the microsecond, not 50 µs late */

  worker *ws = calloc((size_t) cfg.threads, sizeof *ws);
  uint64_t setup = now_ns();
  for (int t = 0; t < cfg.threads; t++) {
    worker *w = &ws[t];
    int mine = cfg.connections / cfg.threads + (t < cfg.connections % cfg.threads);
    w->id = t;
    w->epoll = epoll_create1(EPOLL_CLOEXEC);
    if (w->epoll < 0) die("epoll_create1");
    w->conns = calloc((size_t) mine, sizeof *w->conns);
    w->free_ring = calloc((size_t) (cfg.connections / cfg.threads + 1), sizeof *w->free_ring);
    for (int i = 0; i < mine; i++) {
      w->conns[i].cap = 16384;
      w->conns[i].buf = malloc(w->conns[i].cap);
      open_conn(w, &w->conns[i]);
      free_push(w, &w->conns[i], setup);
    }
  }
  cfg.start = now_ns() + 10000000ULL;
  cfg.warm_end = cfg.start + (uint64_t) (cfg.warmup * 1e9);
  cfg.end = cfg.warm_end + (uint64_t) (cfg.duration * 1e9);
  for (int t = 0; t < cfg.threads; t++)
    for (int i = 0; i < cfg.connections / cfg.threads + (t < cfg.connections % cfg.threads); i++)
      ws[t].conns[i].free_since = cfg.start;
  pthread_t threads[MAX_THREADS];
  for (int t = 1; t < cfg.threads; t++) pthread_create(&threads[t], NULL, run, &ws[t]);
  run(&ws[0]);
  for (int t = 1; t < cfg.threads; t++) pthread_join(threads[t], NULL);

  worker all = {0};
  for (int t = 0; t < cfg.threads; t++) {
    worker *w = &ws[t];
    all.sent += w->sent; all.done += w->done; all.all_done += w->all_done; all.bad_status += w->bad_status; all.late += w->late;
    all.waited += w->waited; all.wakeups += w->wakeups; all.unsent += w->unsent; all.unfinished += w->unfinished;
    all.socket_errors += w->socket_errors; all.reconnects += w->reconnects;
    if (w->max_late_ns > all.max_late_ns) all.max_late_ns = w->max_late_ns;
    for (int s = 0; s < 600; s++) all.statuses[s] += w->statuses[s];
    hist_merge(&all.hist, &w->hist);
    hist_merge(&all.service, &w->service);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double cpu = (double) ru.ru_utime.tv_sec + (double) ru.ru_utime.tv_usec / 1e6 + (double) ru.ru_stime.tv_sec +
               (double) ru.ru_stime.tv_usec / 1e6;
  double wall = (double) (now_ns() - setup) / 1e9, ms[5], sms[5], ps[5] = {50, 90, 99, 99.9, 100};
  for (int i = 0; i < 5; i++) {
    ms[i] = (double) hist_percentile(&all.hist, ps[i]) / 1000.0;
    sms[i] = (double) hist_percentile(&all.service, ps[i]) / 1000.0;
  }

  printf("openloop: %s:%d, %.0f requests/s scheduled, %d connections, %d thread(s), %.1f s (after %.1f s warm-up), "
         "%zu request(s) cycled\n", cfg.host, cfg.port, cfg.rate, cfg.connections, cfg.threads, cfg.duration,
         cfg.warmup, cfg.nreqs);
  printf("  rate       %.1f requests/s sent, %.1f answered (%llu responses)\n", (double) all.sent / cfg.duration,
         (double) all.done / cfg.duration, (unsigned long long) all.done);
  printf("  latency    p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms (from the scheduled time)\n",
         ms[0], ms[1], ms[2], ms[3], ms[4]);
  printf("  service    p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms (from the actual send)\n",
         sms[0], sms[1], sms[2], sms[3], sms[4]);
  printf("  statuses  ");
  for (int s = 0; s < 600; s++)
    if (all.statuses[s]) printf(" %d: %llu", s, (unsigned long long) all.statuses[s]);
  printf("\n  errors     %llu unexpected statuses, %llu socket errors, %llu reconnects; %llu never sent (no free "
         "connection), %llu unanswered after 2 s\n", (unsigned long long) all.bad_status,
         (unsigned long long) all.socket_errors, (unsigned long long) all.reconnects, (unsigned long long) all.unsent,
         (unsigned long long) all.unfinished);
  printf("  schedule   %llu late starts > 1 ms (max %.3f ms); %llu requests waited for a free connection\n",
         (unsigned long long) all.late, (double) all.max_late_ns / 1e6, (unsigned long long) all.waited);
  printf("  cpu        generator %.2f s user+sys in %.1f s (%.1f %% of one core); %.2f wake-ups per response%s\n", cpu,
         wall, cpu / wall * 100, (double) all.wakeups / (double) (all.all_done ? all.all_done : 1),
         cfg.tick_ns ? " (tick)" : "");
  printf("LK all_requests %llu\n", (unsigned long long) all.all_done); /* with the warm-up's: for CPU per request */
  printf("LK requests %llu\nLK duration_s %.3f\nLK rps %.0f\nLK sent_rps %.0f\n", (unsigned long long) all.done,
         cfg.duration, (double) all.done / cfg.duration, (double) all.sent / cfg.duration);
  printf("LK p50_ms %.3f\nLK p90_ms %.3f\nLK p99_ms %.3f\nLK p999_ms %.3f\nLK max_ms %.3f\n", ms[0], ms[1], ms[2], ms[3],
         ms[4]);
  printf("LK service_p50_ms %.3f\nLK service_p99_ms %.3f\n", sms[0], sms[2]);
  printf("LK wakeups %llu\n", (unsigned long long) all.wakeups);
  printf("LK unexpected %llu\nLK socket_errors %llu\nLK late %llu\nLK waited %llu\nLK unsent %llu\nLK unfinished %llu\n"
         "LK exhausted 0\nLK cpu_s %.3f\n", (unsigned long long) all.bad_status, (unsigned long long) all.socket_errors,
         (unsigned long long) all.late, (unsigned long long) all.waited, (unsigned long long) all.unsent,
         (unsigned long long) all.unfinished, cpu);
  return 0;
}
