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

// What the threads share: who is reading, the batches read and waiting for
// a worker, the finished ones waiting for their turn to be written, and
// written ones whose buffers the next reads reuse.
class Exchange {
 public:
  // `queued`: how many batches a reader leaves for the threads that do not
  // read before it works on what it read itself.
  Exchange(std::size_t capacity, std::size_t max_bytes, std::size_t queued)
      : m_capacity(capacity), m_max_bytes(max_bytes), m_queued(queued) {}

  enum class Read { none, queued, own, ended };

  // Reads the next batch when nobody else is reading and the batches in
  // flight leave room: the reader then works on it itself unless the
  // threads that do not read are short of work.
  Read read(const PipelineHooks& hooks, Batch& batch) {
    if (!begin_read(batch)) return Read::none;
    const bool got = hooks.read(batch);
    std::lock_guard lock(m_mutex);
    m_reading = false;
    m_reader_wakes.notify_all();
    m_writer_wakes.notify_one();
    if (!got) {
      m_input_done = true;
      m_work_ready.notify_all();
      return Read::ended;
    }
    ++m_next_read;
    ++m_in_flight;
    m_bytes += batch.bytes;
    if (m_todo.size() >= m_queued) return Read::own;
    m_todo.push_back(std::move(batch));
    m_work_ready.notify_one();
    return Read::queued;
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

  // For a reading worker that can neither read nor work: waits until it
  // can; false once the input is read and nothing waits for a worker.
  bool wait_to_read_or_work() {
    std::unique_lock lock(m_mutex);
    m_reader_wakes.wait(lock, [&] { return m_input_done || may_read() || !m_todo.empty(); });
    return !(m_input_done && m_todo.empty());
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

  // For the writer, when it can neither write, read nor work: waits until
  // it can, or until every batch is written; returns false then.
  bool wait_for_turn_or_work(bool reads) {
    std::unique_lock lock(m_mutex);
    m_writer_wakes.wait(lock, [&] {
      return m_done.count(m_next_write) > 0 || !m_todo.empty() || all_written() ||
             (reads && may_read());
    });
    return !all_written();
  }

 private:
  bool begin_read(Batch& batch) {
    std::lock_guard lock(m_mutex);
    if (!may_read()) return false;
    m_reading = true;
    batch = Batch();
    if (!m_spare.empty()) {
      batch = std::move(m_spare.back());
      m_spare.pop_back();
    }
    batch.sequence = m_next_read;
    return true;
  }

  bool may_read() const {
    return !m_input_done && !m_reading &&
           (m_in_flight == 0 || (m_in_flight < m_capacity && m_bytes < m_max_bytes));
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
  std::size_t m_queued;
  std::size_t m_in_flight = 0;  // read and not yet written
  std::size_t m_bytes = 0;
  std::size_t m_next_read = 0;
  std::size_t m_next_write = 0;
  bool m_reading = false;
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

// Reads one batch if it may, and works on it when it is its own; returns
// whether it did either.
bool read_some(const PipelineHooks& hooks, Exchange& exchange, std::size_t worker) {
  Batch batch;
  switch (exchange.read(hooks, batch)) {
    case Exchange::Read::own:
      work_on(hooks, exchange, batch, worker);
      return true;
    case Exchange::Read::queued:
      return true;
    case Exchange::Read::none:
    case Exchange::Read::ended:
      return false;
  }
  return false;
}

// A worker that reads: it reads whenever it may and works on what it read
// (the text is still in its cache), leaving batches for the workers that
// do not read; it works on theirs when it cannot read.
void read_and_work(const PipelineHooks& hooks, Exchange& exchange, std::size_t worker) {
  Batch batch;
  do {
    for (;;) {
      if (read_some(hooks, exchange, worker)) continue;
      if (!exchange.try_take(batch)) break;
      work_on(hooks, exchange, batch, worker);
    }
  } while (exchange.wait_to_read_or_work());
}

// The calling thread writes every batch, in order, as soon as its turn
// comes, and otherwise reads (when reading never waits) or works.
void write_and_work(const PipelineHooks& hooks, Exchange& exchange) {
  Batch batch;
  do {
    for (bool busy = true; busy;) {
      while (exchange.take_turn(batch)) {
        hooks.write(batch);
        exchange.release(std::move(batch));
      }
      busy = hooks.calling_thread_reads && read_some(hooks, exchange, 0);
      if (!busy && exchange.try_take(batch)) {
        work_on(hooks, exchange, batch, 0);
        busy = true;
      }
    }
  } while (exchange.wait_for_turn_or_work(hooks.calling_thread_reads));
}

}  // namespace

// No thread only hands batches on, so two threads keep two cores busy.
void run_ordered_pipeline(const PipelineHooks& hooks, std::size_t threads,
                          std::size_t max_bytes_in_flight) {
  if (threads <= 1) return run_serial(hooks);
  const std::size_t readers = hooks.calling_thread_reads ? 2 : 1;
  Exchange exchange(threads * k_batches_in_flight_per_thread, max_bytes_in_flight,
                    2 * (threads - readers));
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
