#include <closecoach/ordered_pipeline.hpp>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace closecoach {

namespace {

// Batches waiting for a worker, and finished ones waiting for their turn.
class Exchange {
 public:
  Exchange(std::size_t capacity, std::size_t max_bytes)
      : m_capacity(capacity), m_max_bytes(max_bytes) {}

  // Blocks while too many batches, or too many bytes, are in flight.
  void wait_for_room() {
    std::unique_lock lock(m_mutex);
    m_room.wait(lock, [&] {
      return m_in_flight == 0 || (m_in_flight < m_capacity && m_bytes < m_max_bytes);
    });
  }

  void submit(Batch batch) {
    std::lock_guard lock(m_mutex);
    ++m_in_flight;
    m_bytes += batch.bytes;
    m_todo.push_back(std::move(batch));
    m_work_ready.notify_one();
  }

  bool take(Batch& batch) {
    std::unique_lock lock(m_mutex);
    m_work_ready.wait(lock, [&] { return !m_todo.empty() || m_closed; });
    if (m_todo.empty()) return false;
    batch = std::move(m_todo.front());
    m_todo.pop_front();
    return true;
  }

  void finish(Batch batch) {
    std::lock_guard lock(m_mutex);
    const std::size_t sequence = batch.sequence;
    m_done.emplace(sequence, std::move(batch));
    m_done_ready.notify_all();
  }

  // The batch with `sequence`, once a worker has finished it.
  Batch next_done(std::size_t sequence) {
    std::unique_lock lock(m_mutex);
    m_done_ready.wait(lock, [&] { return m_done.count(sequence) > 0; });
    Batch batch = std::move(m_done.at(sequence));
    m_done.erase(sequence);
    return batch;
  }

  // The writer is done with a batch of `bytes`.
  void release(std::size_t bytes) {
    std::lock_guard lock(m_mutex);
    --m_in_flight;
    m_bytes -= bytes;
    m_room.notify_one();
  }

  void close() {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_work_ready.notify_all();
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_room, m_work_ready, m_done_ready;
  std::deque<Batch> m_todo;
  std::map<std::size_t, Batch> m_done;
  std::size_t m_capacity;
  std::size_t m_max_bytes;
  std::size_t m_in_flight = 0;
  std::size_t m_bytes = 0;
  bool m_closed = false;
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

}  // namespace

void run_ordered_pipeline(const PipelineHooks& hooks, std::size_t threads,
                          std::size_t max_bytes_in_flight) {
  if (threads <= 1) return run_serial(hooks);
  Exchange exchange(threads * k_batches_in_flight_per_thread, max_bytes_in_flight);
  std::vector<std::thread> workers;
  for (std::size_t worker = 0; worker < threads; ++worker) {
    workers.emplace_back([&, worker] {
      Batch batch;
      while (exchange.take(batch)) {
        hooks.work(batch, worker);
        exchange.finish(std::move(batch));
      }
    });
  }
  // The reader runs on its own thread so the calling thread can write.
  std::size_t batches = 0;
  std::mutex count_mutex;
  bool reading_done = false;
  std::condition_variable counted;
  std::thread reader([&] {
    for (std::size_t sequence = 0;; ++sequence) {
      exchange.wait_for_room();
      Batch batch;
      batch.sequence = sequence;
      if (!hooks.read(batch)) break;
      exchange.submit(std::move(batch));
      std::lock_guard lock(count_mutex);
      batches = sequence + 1;
      counted.notify_all();
    }
    std::lock_guard lock(count_mutex);
    reading_done = true;
    counted.notify_all();
  });
  for (std::size_t sequence = 0;; ++sequence) {
    {
      std::unique_lock lock(count_mutex);
      counted.wait(lock, [&] { return batches > sequence || reading_done; });
      if (batches <= sequence) break;
    }
    Batch batch = exchange.next_done(sequence);
    hooks.write(batch);
    exchange.release(batch.bytes);
  }
  reader.join();
  exchange.close();
  for (auto& worker : workers) worker.join();
}

}  // namespace closecoach
