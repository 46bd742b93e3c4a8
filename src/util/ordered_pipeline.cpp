#include <closecoach/ordered_pipeline.hpp>

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace closecoach {

namespace {

// What the threads share: who is reading, the batches read and not yet
// written, and the finished ones waiting for their turn.
class Exchange {
 public:
  Exchange(std::size_t capacity, std::size_t max_bytes)
      : m_capacity(capacity), m_max_bytes(max_bytes) {}

  enum class Turn { read, wait, end };

  // Whether this thread may read the next batch now: only one reads at a
  // time, and only while the batches in flight leave room. With `wait`, it
  // waits for that; the writer instead may not (it must write to make room).
  Turn begin_read(bool wait) {
    std::unique_lock lock(m_mutex);
    if (wait) m_changed.wait(lock, [&] { return m_input_done || may_read(); });
    if (m_input_done) return Turn::end;
    if (!may_read()) return Turn::wait;
    m_reading = true;
    return Turn::read;
  }

  void end_read(bool got, const Batch& batch) {
    std::lock_guard lock(m_mutex);
    m_reading = false;
    if (got) {
      ++m_in_flight;
      m_bytes += batch.bytes;
    } else {
      m_input_done = true;
    }
    m_changed.notify_all();
  }

  void finish(Batch batch) {
    std::lock_guard lock(m_mutex);
    const std::size_t sequence = batch.sequence;
    m_done.emplace(sequence, std::move(batch));
    m_changed.notify_all();
  }

  // Hands every finished batch whose turn has come to `write`, in order;
  // returns false once every batch has been read and written.
  template <typename Write>
  bool write_ready(const Write& write, bool wait) {
    std::unique_lock lock(m_mutex);
    if (wait)
      m_changed.wait(lock, [&] {
        return m_done.count(m_next_write) > 0 || (m_input_done && m_in_flight == 0) ||
               (!m_input_done && may_read());
      });
    for (auto found = m_done.find(m_next_write); found != m_done.end();
         found = m_done.find(m_next_write)) {
      Batch batch = std::move(found->second);
      m_done.erase(found);
      lock.unlock();
      write(batch);
      lock.lock();
      --m_in_flight;
      m_bytes -= batch.bytes;
      ++m_next_write;
      m_changed.notify_all();
    }
    return !(m_input_done && m_in_flight == 0);
  }

 private:
  bool may_read() const {
    return !m_reading && (m_in_flight == 0 || (m_in_flight < m_capacity && m_bytes < m_max_bytes));
  }

  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::map<std::size_t, Batch> m_done;
  std::size_t m_capacity;
  std::size_t m_max_bytes;
  std::size_t m_in_flight = 0;  // read and not yet written
  std::size_t m_bytes = 0;
  std::size_t m_next_write = 0;
  bool m_reading = false;
  bool m_input_done = false;
};

// Reads one batch if it may; returns whether it got one.
bool read_one(const PipelineHooks& hooks, Exchange& exchange, std::size_t& next_sequence,
              Batch& batch) {
  batch = Batch();
  batch.sequence = next_sequence;
  const bool got = hooks.read(batch);
  if (got) ++next_sequence;
  exchange.end_read(got, batch);
  return got;
}

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

}  // namespace

// Every thread reads (one at a time), works on what it read, and hands it
// on; the calling thread also writes, in order. No thread only passes
// batches along, so two threads keep two cores busy.
void run_ordered_pipeline(const PipelineHooks& hooks, std::size_t threads,
                          std::size_t max_bytes_in_flight) {
  if (threads <= 1) return run_serial(hooks);
  Exchange exchange(threads * k_batches_in_flight_per_thread, max_bytes_in_flight);
  std::size_t next_sequence = 0;  // only the thread that reads touches it
  std::vector<std::thread> helpers;
  for (std::size_t worker = 1; worker < threads; ++worker) {
    helpers.emplace_back([&, worker] {
      Batch batch;
      while (exchange.begin_read(true) == Exchange::Turn::read &&
             read_one(hooks, exchange, next_sequence, batch)) {
        hooks.work(batch, worker);
        exchange.finish(std::move(batch));
      }
    });
  }
  Batch batch;
  for (bool wait = false; exchange.write_ready(hooks.write, wait);) {
    wait = true;
    if (exchange.begin_read(false) != Exchange::Turn::read) continue;
    if (!read_one(hooks, exchange, next_sequence, batch)) continue;
    hooks.work(batch, 0);
    exchange.finish(std::move(batch));
    wait = false;
  }
  for (auto& helper : helpers) helper.join();
}

}  // namespace closecoach
