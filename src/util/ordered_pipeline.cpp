#include <closecoach/ordered_pipeline.hpp>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace closecoach {

namespace {

template <class Buffer>
void clear_or_free(Buffer& buffer, std::size_t keep_bytes) {
  if (buffer.capacity() * sizeof(typename Buffer::value_type) > keep_bytes)
    Buffer().swap(buffer);
  else
    buffer.clear();
}

}  // namespace

void Batch::clear_for_reuse(std::size_t keep_bytes) {
  sequence = 0;
  clear_or_free(inputs, keep_bytes);
  clear_or_free(text, keep_bytes);
  clear_or_free(ends, keep_bytes);
  clear_or_free(records, keep_bytes);
  clear_or_free(line_numbers, keep_bytes);
  clear_or_free(sizes, keep_bytes);
  input_offset = 0;
  bytes = 0;
  clear_or_free(output, keep_bytes);
  clear_or_free(notes, keep_bytes);
}

namespace {

// What the threads share: the batches read and waiting for a worker, the
// finished ones waiting for their turn to be written, and written ones whose
// buffers the next reads reuse.
class Exchange {
 public:
  Exchange(std::size_t capacity, std::size_t max_bytes)
      : m_capacity(capacity), m_max_bytes(max_bytes) {}

  // For the reader: an empty batch (a written one's buffers kept, if there
  // is one) when the batches in flight leave room to read another.
  bool make_room(Batch& batch) {
    std::lock_guard lock(m_mutex);
    if (!has_room()) return false;
    batch = Batch();
    if (!m_spare.empty()) {
      batch = std::move(m_spare.back());
      m_spare.pop_back();
    }
    return true;
  }

  void submit(Batch batch) {
    std::lock_guard lock(m_mutex);
    ++m_in_flight;
    m_bytes += batch.bytes;
    m_todo.push_back(std::move(batch));
    m_work_ready.notify_one();
    m_writer_wakes.notify_one();
  }

  void end_input() {
    std::lock_guard lock(m_mutex);
    m_input_done = true;
    m_work_ready.notify_all();
    m_writer_wakes.notify_one();
  }

  // A batch to work on, if one is waiting.
  bool try_take(Batch& batch) {
    std::lock_guard lock(m_mutex);
    return pop_todo(batch);
  }

  // For a worker that only works: waits for a batch; false at the end.
  bool take(Batch& batch) {
    std::unique_lock lock(m_mutex);
    m_work_ready.wait(lock, [&] { return !m_todo.empty() || m_input_done; });
    return pop_todo(batch);
  }

  // For the reader, when it can neither read nor work: waits until it can.
  void wait_for_room_or_work() {
    std::unique_lock lock(m_mutex);
    m_reader_wakes.wait(lock, [&] { return has_room() || !m_todo.empty(); });
  }

  void finish(Batch batch) {
    std::lock_guard lock(m_mutex);
    const std::size_t sequence = batch.sequence;
    m_done.emplace(sequence, std::move(batch));
    if (sequence == m_next_write) m_writer_wakes.notify_one();
  }

  // For the writer: the finished batch whose turn has come, if there is one.
  bool take_turn(Batch& batch) {
    std::lock_guard lock(m_mutex);
    const auto found = m_done.find(m_next_write);
    if (found == m_done.end()) return false;
    batch = std::move(found->second);
    m_done.erase(found);
    return true;
  }

  // The writer is done with the batch whose turn it was.
  void release(Batch batch) {
    const std::size_t bytes = batch.bytes;
    batch.clear_for_reuse(k_reused_buffer_bytes);
    std::lock_guard lock(m_mutex);
    --m_in_flight;
    m_bytes -= bytes;
    ++m_next_write;
    m_spare.push_back(std::move(batch));
    m_reader_wakes.notify_one();
  }

  // For the writer, when it can neither write nor work: waits until it can,
  // or until every batch is written; returns false then.
  bool wait_for_turn_or_work() {
    std::unique_lock lock(m_mutex);
    m_writer_wakes.wait(
        lock, [&] { return m_done.count(m_next_write) > 0 || !m_todo.empty() || all_written(); });
    return !all_written();
  }

 private:
  bool has_room() const {
    return m_in_flight == 0 || (m_in_flight < m_capacity && m_bytes < m_max_bytes);
  }
  bool all_written() const { return m_input_done && m_in_flight == 0; }

  bool pop_todo(Batch& batch) {
    if (m_todo.empty()) return false;
    batch = std::move(m_todo.front());
    m_todo.pop_front();
    return true;
  }

  std::mutex m_mutex;
  std::condition_variable m_work_ready, m_reader_wakes, m_writer_wakes;
  std::deque<Batch> m_todo;
  std::map<std::size_t, Batch> m_done;
  std::vector<Batch> m_spare;
  std::size_t m_capacity;
  std::size_t m_max_bytes;
  std::size_t m_in_flight = 0;  // read and not yet written
  std::size_t m_bytes = 0;
  std::size_t m_next_write = 0;
  bool m_input_done = false;
};

void run_serial(const PipelineHooks& hooks) {
  Batch batch;
  while (hooks.read(batch)) {
    hooks.work(batch, 0);
    hooks.write(batch);
    Batch next;
    next.sequence = batch.sequence + 1;
    batch = std::move(next);
  }
}

void work_on(const PipelineHooks& hooks, Exchange& exchange, Batch& batch, std::size_t worker) {
  hooks.work(batch, worker);
  exchange.finish(std::move(batch));
}

// The reader's thread reads whenever the batches in flight leave room, and
// works otherwise. It alone reads, so the input's buffers come from one
// malloc arena, and input that is slow to come never holds up the writer.
void read_and_work(const PipelineHooks& hooks, Exchange& exchange, std::size_t worker) {
  Batch batch;
  for (std::size_t sequence = 0;;) {
    if (exchange.make_room(batch)) {
      batch.sequence = sequence;
      if (!hooks.read(batch)) return exchange.end_input();
      ++sequence;
      exchange.submit(std::move(batch));
    } else if (exchange.try_take(batch)) {
      work_on(hooks, exchange, batch, worker);
    } else {
      exchange.wait_for_room_or_work();
    }
  }
}

// The calling thread writes every batch, in order, as soon as its turn
// comes, and works while none is ready.
void write_and_work(const PipelineHooks& hooks, Exchange& exchange) {
  Batch batch;
  do {
    while (exchange.take_turn(batch)) {
      hooks.write(batch);
      exchange.release(std::move(batch));
    }
    while (exchange.try_take(batch)) {
      work_on(hooks, exchange, batch, 0);
      if (exchange.take_turn(batch)) {
        hooks.write(batch);
        exchange.release(std::move(batch));
      }
    }
  } while (exchange.wait_for_turn_or_work());
}

}  // namespace

// Two threads keep two cores busy: no thread only hands batches on.
void run_ordered_pipeline(const PipelineHooks& hooks, std::size_t threads,
                          std::size_t max_bytes_in_flight) {
  if (threads <= 1) return run_serial(hooks);
  Exchange exchange(threads * k_batches_in_flight_per_thread, max_bytes_in_flight);
  std::vector<std::thread> helpers;
  helpers.emplace_back([&] { read_and_work(hooks, exchange, 1); });
  for (std::size_t worker = 2; worker < threads; ++worker) {
    helpers.emplace_back([&, worker] {
      Batch batch;
      while (exchange.take(batch)) work_on(hooks, exchange, batch, worker);
    });
  }
  write_and_work(hooks, exchange);
  for (auto& helper : helpers) helper.join();
}

}  // namespace closecoach
