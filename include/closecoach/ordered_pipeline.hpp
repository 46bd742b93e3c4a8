#pragma once
// Runs work on batches in parallel while handing results on in input order,
// with a bounded number of batches in flight so memory stays flat however
// long the input is.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace closecoach {

// Something said about one input line of a batch, handed on with the batch's
// output so that the writer can report it in order; `kind` is the caller's.
struct BatchNote {
  int kind = 0;
  std::size_t line = 0;
  std::string text;
};

// A unit of work: the input lines (or records) of one batch and the output
// the worker makes of them.
struct Batch {
  std::size_t sequence = 0;
  std::vector<std::string> inputs;  // lines, for line-based input
  // Or the lines in one buffer (one allocation a batch, not one a line):
  // line i is text[ends[i - 1], ends[i]) (from 0 for the first).
  std::string text;
  std::vector<std::size_t> ends;
  std::vector<std::vector<std::string>> records;  // fields, for CSV
  std::vector<std::size_t> line_numbers;          // first physical line of each input
  std::vector<std::size_t> sizes;                 // bytes of each input as found (it may be cut)
  std::size_t input_offset = 0;                   // bytes of input consumed up to this batch's end
  std::size_t bytes = 0;  // bytes of input it holds (what the reader counts)
  std::string output;
  std::vector<BatchNote> notes;  // what the reader and the worker said, in input order

  // Empties the batch for the next read but keeps its buffers' memory, so
  // that a steady stream of batches stops asking malloc, and the kernel, for
  // fresh pages; a buffer a huge record grew past `keep_bytes` is freed.
  void clear_for_reuse(std::size_t keep_bytes);
};

// What a recycled batch keeps of each buffer at most (see clear_for_reuse).
inline constexpr std::size_t k_reused_buffer_bytes = std::size_t{4} << 20;

struct PipelineHooks {
  // Fills `batch` with the next inputs; returns false at the end of input.
  std::function<bool(Batch& batch)> read;
  // Turns batch.inputs into batch.output; `worker` is 0..threads-1 (for
  // per-thread scratch). Called concurrently on different batches.
  std::function<void(Batch& batch, std::size_t worker)> work;
  // Receives batches strictly in sequence order, on the calling thread.
  std::function<void(Batch& batch)> write;
  // Set when reading never waits for input (a regular file): the calling
  // thread then reads too. Each thread that reads works on what it read
  // while the text is still in its core's cache; a thread that may wait for
  // input never holds up the writing.
  bool calling_thread_reads = false;
};

// Batches in flight at most, and their bytes (Batch::bytes) at most: the
// reader waits before reading another batch while the batches read and not
// yet written hold that much. One batch bigger than the budget still goes
// through, alone. Room for enough batches that the writer rarely waits for
// the one whose turn it is while the others are done.
inline constexpr std::size_t k_batches_in_flight_per_thread = 16;
inline constexpr std::size_t k_default_bytes_in_flight = std::size_t{8} << 20;

// Runs the pipeline on `threads` threads (0 or 1: everything on the calling
// thread, one batch at a time). With more, the calling thread writes and
// works (and reads, with calling_thread_reads), one other thread reads and
// works, and the rest only work; a batch is written as soon as it and those
// before it are done, even while the reader waits for input. Returns when
// every batch has been written. The output is the same, byte for byte,
// whatever `threads` is. Memory: the batches in flight hold at most
// `max_bytes_in_flight` plus one batch.
void run_ordered_pipeline(const PipelineHooks& hooks, std::size_t threads,
                          std::size_t max_bytes_in_flight = k_default_bytes_in_flight);

}  // namespace closecoach
