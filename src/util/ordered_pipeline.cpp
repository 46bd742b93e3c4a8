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
  explicit Exchange(std::size_t capacity) : m_capacity(capacity) {}

  // Blocks while too many batches are in flight.
  void submit(Batch batch) {
    std::unique_lock lock(m_mutex);
    m_room.wait(lock, [&] { return m_in_flight < m_capacity; });
    ++m_in_flight;
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

  void release() {
    std::lock_guard lock(m_mutex);
    --m_in_flight;
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
  std::size_t m_in_flight = 0;
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

void run_ordered_pipeline(const PipelineHooks& hooks, std::size_t threads) {
  if (threads <= 1) return run_serial(hooks);
  Exchange exchange(threads * 4);
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
    exchange.release();
    hooks.write(batch);
  }
  reader.join();
  exchange.close();
  for (auto& worker : workers) worker.join();
}

}  // namespace closecoach
