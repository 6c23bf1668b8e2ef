// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Mip
{
    /// <summary>
    /// A connection to a Milvus or Zilliz Cloud server that reads bulk-import progress.
    /// </summary>
    /// <remarks>
    /// <para>A client is thread-safe: any number of threads may call it at once. It keeps its
    /// connections open between calls; create one and reuse it.</para>
    /// <para><see cref="Dispose"/> closes the connections. Calls already running on other threads
    /// finish first (the native client is freed when the last of them returns); calls made after
    /// it throw <see cref="ObjectDisposedException"/>.</para>
    /// <para>Every method blocks its thread inside libmip for at most the client's timeout (a wait:
    /// until its own deadline); the <c>...Async</c> methods run that on a thread-pool thread (a wait
    /// on a dedicated thread) and map their <see cref="CancellationToken"/> onto a libmip cancel
    /// token, which ends the native call within about 100 ms.</para>
    /// </remarks>
    public sealed class MipClient : IDisposable
    {
        /// <summary>The pause between polls of a wait when none is given: libmip's
        /// MIP_DEFAULT_POLL_INTERVAL_MS, which C# cannot read, written down here once (the tests check
        /// it against mip.h).</summary>
        public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(1000);

        private static readonly Action<object?> TriggerCancel = state => ((CancelHandle)state!).Trigger();

#if NET8_0_OR_GREATER
        // An [UnmanagedCallersOnly] method: a plain function pointer, no delegate, no marshalling.
        private static readonly unsafe IntPtr ProgressCallback =
            (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&OnProgress;
#else
        // Rooted for the life of the process, so the native thunk can never be collected.
        private static readonly NativeMethods.ProgressFn ProgressDelegate = OnProgress;
        private static readonly IntPtr ProgressCallback = Marshal.GetFunctionPointerForDelegate(ProgressDelegate);
#endif
        // Each wait passes its own state through `user` as a GCHandle.

        private readonly ClientHandle handle;
        private int disposed;

        /// <summary>Creates a client. The options are copied: change or reuse them freely afterwards.</summary>
        /// <param name="options">Endpoint, flavor, token and the rest.</param>
        /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
        /// <exception cref="ArgumentException">A string option contains a NUL character.</exception>
        /// <exception cref="MipException"><see cref="MipCode.InvalidArgument"/>: a missing or malformed
        /// endpoint, a cloud flavor without token or cluster, an option out of range. Nothing is sent
        /// over the network by the constructor.</exception>
        /// <exception cref="DllNotFoundException">libmip could not be loaded.</exception>
        public MipClient(MipOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            using (OptionsHandle o = options.ToNative())
            {
                IntPtr client, err;
                int code = NativeMethods.mip_client_new(o, out client, out err);
                if (code != 0)
                {
                    if (client != IntPtr.Zero) NativeMethods.mip_client_free(client);
                    throw MipException.FromNative(code, err);
                }
                handle = new ClientHandle(client);
            }
        }

        /// <summary>The version of the loaded libmip, e.g. "0.1.0".</summary>
        public static string NativeVersion
        {
            get { return Utf8.FromNative(NativeMethods.mip_version()); }
        }

        /// <summary>The version of the loaded libmip as one number, MAJOR * 10000 + MINOR * 100 + PATCH
        /// (0.1.0 is 100), for "is it recent enough" checks.</summary>
        public static int NativeVersionNumber
        {
            get { return checked((int)NativeMethods.mip_version_number()); }
        }

        /// <summary>libmip's name of a code, e.g. "MIP_ERR_TIMEOUT"; "MIP_ERR_UNKNOWN" for a number it does not know.</summary>
        /// <param name="code">A code.</param>
        /// <returns>The enumerator's C name.</returns>
        public static string CodeName(MipCode code)
        {
            return Utf8.FromNative(NativeMethods.mip_code_name((int)code));
        }

        /// <summary>libmip's name of a state, e.g. "Importing".</summary>
        /// <param name="state">A state.</param>
        /// <returns>The state's display name.</returns>
        public static string StateName(ImportState state)
        {
            return Utf8.FromNative(NativeMethods.mip_state_name((int)state));
        }

        /// <summary>The native client, for tests.</summary>
        internal ClientHandle Handle
        {
            get { return handle; }
        }

        /// <summary>Closes the connections and frees the native client once no call is using it.</summary>
        public void Dispose()
        {
            // Mono keeps SafeHandle.IsClosed false until the last running call releases the handle,
            // so the client remembers its own disposal.
            Volatile.Write(ref disposed, 1);
            handle.Dispose();
        }

        // ------------------------------------------------------------ one job

        /// <summary>Reads a job's progress: one request (plus, on an old Milvus, the documented fallback).</summary>
        /// <param name="jobId">The job id.</param>
        /// <returns>The job. A failed import is not an error: its <see cref="ImportJob.State"/> is
        /// <see cref="ImportState.Failed"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="jobId"/> contains a NUL character.</exception>
        /// <exception cref="MipException">Transport or server error, e.g. <see cref="MipCode.NotFound"/>,
        /// <see cref="MipCode.Auth"/>; transient failures (<see cref="MipException.IsTransient"/>) were
        /// retried first.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public ImportJob GetImportProgress(string jobId)
        {
            return GetImportProgress(jobId, CancellationToken.None);
        }

        /// <summary>Reads a job's progress, cancellably.</summary>
        /// <param name="jobId">The job id.</param>
        /// <param name="cancellationToken">Ends the request promptly when cancelled.</param>
        /// <returns>The job.</returns>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="MipException">Transport or server error.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public ImportJob GetImportProgress(string jobId, CancellationToken cancellationToken)
        {
            byte[] id = EncodeJobId(jobId);
            ThrowIfDisposed();
            return WithCancel(cancellationToken, cancel =>
            {
                int code = NativeMethods.mip_get_import_progress(handle, id, cancel, out IntPtr job, out IntPtr err);
                return TakeJob(code, job, err, cancellationToken);
            });
        }

        /// <summary>Reads a job's progress on a thread-pool thread.</summary>
        /// <param name="jobId">The job id.</param>
        /// <param name="cancellationToken">Ends the request promptly when cancelled.</param>
        /// <returns>The job.</returns>
        /// <exception cref="OperationCanceledException">(In the task.) <paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="MipException">(In the task.) Transport or server error.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public Task<ImportJob> GetImportProgressAsync(string jobId,
                                                      CancellationToken cancellationToken = default(CancellationToken))
        {
            EncodeJobId(jobId);
            ThrowIfDisposed();
            return Task.Run(() => GetImportProgress(jobId, cancellationToken), cancellationToken);
        }

        // --------------------------------------------------------------- wait

        /// <summary>
        /// Polls a job until its state is terminal (<see cref="ImportJob.IsTerminal"/>), every
        /// <see cref="DefaultPollInterval"/>, with no deadline.
        /// </summary>
        /// <param name="jobId">The job id.</param>
        /// <param name="progress">Told every snapshot, the last one included, on the waiting thread; may be null.</param>
        /// <param name="cancellationToken">Ends the wait promptly, during a poll or a pause.</param>
        /// <returns>The terminal snapshot (a failed job is not an error).</returns>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="MipException">An error that ends the wait (not found, auth, protocol...);
        /// transient errors (<see cref="MipException.IsTransient"/>) only mean "poll again".</exception>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public ImportJob Wait(string jobId, IProgress<ImportJob>? progress = null,
                              CancellationToken cancellationToken = default(CancellationToken))
        {
            return Wait(jobId, progress, DefaultPollInterval, System.Threading.Timeout.InfiniteTimeSpan, cancellationToken);
        }

        /// <summary>Polls a job until its state is terminal (<see cref="ImportJob.IsTerminal"/>).</summary>
        /// <param name="jobId">The job id.</param>
        /// <param name="progress">Told every snapshot, the last one included, on the waiting thread; may
        /// be null. An exception it throws stops the wait and is rethrown to the caller as it was.</param>
        /// <param name="pollInterval">The pause between polls; at least 1 ms.</param>
        /// <param name="timeout">The whole wait's deadline (each poll also keeps the client's timeout);
        /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</param>
        /// <param name="cancellationToken">Ends the wait promptly, during a poll or a pause.</param>
        /// <returns>The terminal snapshot (a failed job is not an error).</returns>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="MipException"><see cref="MipCode.Timeout"/> once <paramref name="timeout"/> has
        /// passed, or an error that ends the wait (not found, auth, protocol...).</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="pollInterval"/> is not positive, or
        /// <paramref name="timeout"/> is neither positive nor infinite.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public ImportJob Wait(string jobId, IProgress<ImportJob>? progress, TimeSpan pollInterval, TimeSpan timeout,
                              CancellationToken cancellationToken = default(CancellationToken))
        {
            byte[] id = EncodeJobId(jobId);
            long intervalMs = CheckInterval(pollInterval);
            long timeoutMs = CheckTimeout(timeout);
            ThrowIfDisposed();
            return WithCancel(cancellationToken,
                              cancel => WaitCore(id, progress, intervalMs, timeoutMs, cancel, cancellationToken));
        }

        /// <summary>
        /// Polls a job until its state is terminal (<see cref="ImportJob.IsTerminal"/>), every
        /// <see cref="DefaultPollInterval"/>, with no deadline, on a dedicated thread.
        /// </summary>
        /// <param name="jobId">The job id.</param>
        /// <param name="progress">Told every snapshot on the waiting thread (a <see cref="Progress{T}"/>
        /// posts it on to its synchronization context); may be null.</param>
        /// <param name="cancellationToken">Ends the wait promptly.</param>
        /// <returns>The terminal snapshot.</returns>
        /// <exception cref="OperationCanceledException">(In the task.) <paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="MipException">(In the task.) An error that ends the wait.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public Task<ImportJob> WaitAsync(string jobId, IProgress<ImportJob>? progress = null,
                                         CancellationToken cancellationToken = default(CancellationToken))
        {
            return WaitAsync(jobId, progress, DefaultPollInterval, System.Threading.Timeout.InfiniteTimeSpan,
                             cancellationToken);
        }

        /// <summary>Polls a job until its state is terminal (<see cref="ImportJob.IsTerminal"/>), on a dedicated thread.</summary>
        /// <param name="jobId">The job id.</param>
        /// <param name="progress">Told every snapshot on the waiting thread; may be null. An exception it
        /// throws stops the wait and faults the task with that same exception.</param>
        /// <param name="pollInterval">The pause between polls; at least 1 ms.</param>
        /// <param name="timeout">The whole wait's deadline; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</param>
        /// <param name="cancellationToken">Ends the wait promptly.</param>
        /// <returns>The terminal snapshot.</returns>
        /// <exception cref="OperationCanceledException">(In the task.) <paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="MipException">(In the task.) <see cref="MipCode.Timeout"/>, or an error that ends the wait.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A bad interval or timeout.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public Task<ImportJob> WaitAsync(string jobId, IProgress<ImportJob>? progress, TimeSpan pollInterval,
                                         TimeSpan timeout,
                                         CancellationToken cancellationToken = default(CancellationToken))
        {
            EncodeJobId(jobId);
            CheckInterval(pollInterval);
            CheckTimeout(timeout);
            ThrowIfDisposed();
            // A wait may last minutes: a thread of its own rather than a pool thread.
            return Task.Factory.StartNew(() => Wait(jobId, progress, pollInterval, timeout, cancellationToken),
                                         cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>What one wait's callback needs; reached through a GCHandle passed as `user`.</summary>
        private sealed class WaitState
        {
            internal IProgress<ImportJob>? Progress;
            internal ExceptionDispatchInfo? Failure;
        }

#if NET8_0_OR_GREATER
        [UnmanagedCallersOnly]
#else
        [MonoPInvokeCallback(typeof(NativeMethods.ProgressFn))]
#endif
        private static int OnProgress(IntPtr job, IntPtr user)
        {
            // Nothing may unwind into libmip: any exception is kept and stops the wait.
            WaitState? state = null;
            try
            {
                state = (WaitState)GCHandle.FromIntPtr(user).Target!;
                state.Progress!.Report(ImportJob.FromNative(job));
                return 0;
            }
            catch (Exception e)
            {
                if (state != null) state.Failure = ExceptionDispatchInfo.Capture(e);
                return 1;
            }
        }

        private ImportJob WaitCore(byte[] id, IProgress<ImportJob>? progress, long intervalMs, long timeoutMs,
                                   CancelHandle cancel, CancellationToken cancellationToken)
        {
            IntPtr job, err;
            int code;
            if (progress == null)
            {
                code = NativeMethods.mip_wait_import(handle, id, intervalMs, timeoutMs, IntPtr.Zero, IntPtr.Zero, cancel,
                                                     out job, out err);
                return TakeJob(code, job, err, cancellationToken);
            }
            var state = new WaitState { Progress = progress };
            GCHandle user = GCHandle.Alloc(state);
            try
            {
                code = NativeMethods.mip_wait_import(handle, id, intervalMs, timeoutMs, ProgressCallback,
                                                     GCHandle.ToIntPtr(user), cancel, out job, out err);
            }
            finally
            {
                user.Free();
            }
            if (state.Failure != null)
            {
                // The callback stopped the wait (MIP_ERR_CANCELLED): drop libmip's outcome, rethrow
                // the handler's exception with its own stack.
                if (job != IntPtr.Zero) NativeMethods.mip_job_free(job);
                if (err != IntPtr.Zero) NativeMethods.mip_error_free(err);
                state.Failure.Throw();
            }
            return TakeJob(code, job, err, cancellationToken);
        }

        // --------------------------------------------------------- many jobs

        /// <summary>
        /// Reads the progress of many jobs at once, over at most <see cref="MipOptions.MaxConnections"/>
        /// connections. Each job succeeds or fails on its own.
        /// </summary>
        /// <param name="jobIds">The job ids; a null or empty id fails that index alone.</param>
        /// <param name="cancellationToken">Ends every request promptly when cancelled.</param>
        /// <returns>One result per id, in the same order.</returns>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="jobIds"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public IReadOnlyList<ImportProgressResult> GetImportProgressMany(
            IReadOnlyList<string?> jobIds, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (jobIds == null) throw new ArgumentNullException("jobIds");
            ThrowIfDisposed();
            return WithCancel(cancellationToken, cancel => ManyCore(jobIds, cancel, cancellationToken));
        }

        /// <summary><see cref="GetImportProgressMany"/> on a thread-pool thread.</summary>
        /// <param name="jobIds">The job ids; a null or empty id fails that index alone.</param>
        /// <param name="cancellationToken">Ends every request promptly when cancelled.</param>
        /// <returns>One result per id, in the same order.</returns>
        /// <exception cref="OperationCanceledException">(In the task.) <paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="jobIds"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public Task<IReadOnlyList<ImportProgressResult>> GetImportProgressManyAsync(
            IReadOnlyList<string?> jobIds, CancellationToken cancellationToken = default(CancellationToken))
        {
            if (jobIds == null) throw new ArgumentNullException("jobIds");
            ThrowIfDisposed();
            return Task.Run(() => GetImportProgressMany(jobIds, cancellationToken), cancellationToken);
        }

        private IReadOnlyList<ImportProgressResult> ManyCore(IReadOnlyList<string?> jobIds, CancelHandle cancel,
                                                             CancellationToken cancellationToken)
        {
            int n = jobIds.Count;
            var ids = new string?[n];
            var refused = new MipException?[n];
            // All ids in one NUL-separated UTF-8 buffer, pinned for the call.
            var offsets = new int[n];
            var chunks = new byte[]?[n];
            int total = 0;
            for (int i = 0; i < n; i++)
            {
                string? id = jobIds[i];
                ids[i] = id;
                offsets[i] = -1;
                if (id == null) continue;
                if (id.IndexOf('\0') >= 0)
                {
                    refused[i] = new MipException("job id contains a NUL character", MipCode.InvalidArgument, 0, 0, 0);
                    continue;
                }
                byte[] chunk = Utf8.Encode(id, "jobIds");
                chunks[i] = chunk;
                offsets[i] = total;
                total += chunk.Length;
            }
            var buffer = new byte[Math.Max(total, 1)];
            for (int i = 0; i < n; i++)
                if (chunks[i] is byte[] c) Buffer.BlockCopy(c, 0, buffer, offsets[i], c.Length);

            var jobs = new IntPtr[n];
            var errors = new IntPtr[n];
            int callCode = (int)MipCode.Ok;
            GCHandle pin = GCHandle.Alloc(buffer, GCHandleType.Pinned);
            try
            {
                IntPtr basePtr = pin.AddrOfPinnedObject();
                var pointers = new IntPtr[n];
                for (int i = 0; i < n; i++)
                    pointers[i] = offsets[i] < 0 ? IntPtr.Zero : basePtr + offsets[i];
                if (n > 0)
                    callCode = NativeMethods.mip_get_import_progress_many(handle, pointers, (UIntPtr)(uint)n, cancel,
                                                                          jobs, errors);
            }
            finally
            {
                pin.Free();
            }

            // Take ownership of everything before anything can throw.
            var jobHandles = new JobHandle[n];
            var errorHandles = new IntPtr[n];
            for (int i = 0; i < n; i++)
            {
                jobHandles[i] = new JobHandle(jobs[i]);
                errorHandles[i] = errors[i];
            }
            var results = new ImportProgressResult[n];
            bool cancelled = false;
            for (int i = 0; i < n; i++)
            {
                using (JobHandle job = jobHandles[i])
                {
                    if (refused[i] != null)
                    {
                        if (errorHandles[i] != IntPtr.Zero) NativeMethods.mip_error_free(errorHandles[i]);
                        results[i] = new ImportProgressResult(ids[i], null, refused[i]);
                    }
                    else if (!job.IsInvalid)
                    {
                        if (errorHandles[i] != IntPtr.Zero) NativeMethods.mip_error_free(errorHandles[i]);
                        results[i] = new ImportProgressResult(ids[i], ImportJob.FromNative(job.DangerousGetHandle()), null);
                    }
                    else
                    {
                        MipException e = MipException.FromNative(callCode != 0 ? callCode : (int)MipCode.NoMemory,
                                                                 errorHandles[i]);
                        if (CancelledByCaller(e, cancellationToken)) cancelled = true;
                        results[i] = new ImportProgressResult(ids[i], null, e);
                    }
                }
            }
            if (cancelled) throw new OperationCanceledException("GetImportProgressMany was cancelled", cancellationToken);
            return Array.AsReadOnly(results);
        }

        // --------------------------------------------------------- import jobs

        /// <summary>Starts an import job.</summary>
        /// <param name="request">What to import; copied, so it may be reused at once.</param>
        /// <param name="cancellationToken">Ends the request promptly when cancelled.</param>
        /// <returns>The new job's id, every digit kept.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.
        /// If the request had been sent, the job may exist: the exception's
        /// <see cref="Exception.InnerException"/> is then a <see cref="MipException"/> whose
        /// <see cref="MipException.IdempotencyKey"/> is the key to create again with, and its message
        /// says so.</exception>
        /// <exception cref="MipException"><see cref="MipCode.InvalidArgument"/> before anything is sent (no
        /// collection or files, a value libmip refuses, what the flavor cannot carry); the server's
        /// refusals (<see cref="MipCode.Server"/>); transport errors. Creating is retried only after
        /// failures that prove the server took nothing: after others the job may exist, and
        /// <see cref="MipException.IdempotencyKey"/> (and the message) gives the key to retry with. A failing
        /// HTTP status whose success envelope names the new job is <see cref="MipCode.Server"/> with that
        /// job's id in <see cref="MipException.JobId"/>.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public string CreateImport(ImportRequest request, CancellationToken cancellationToken = default)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            ThrowIfDisposed();
            // The key is made here rather than left to libmip, so that a failed create can give it back
            // as a property, not only inside its message.
            string key = request.IdempotencyKey ?? NewIdempotencyKey();
            using RequestHandle r = request.ToNative(key);
            return WithCancel(cancellationToken, cancel =>
            {
                int code = NativeMethods.mip_create_import(handle, r, cancel, out IntPtr jobId, out IntPtr err);
                if (code == 0 && jobId != IntPtr.Zero)
                {
                    try
                    {
                        return Utf8.FromNative(jobId);
                    }
                    finally
                    {
                        NativeMethods.mip_free(jobId);
                        if (err != IntPtr.Zero) NativeMethods.mip_error_free(err);
                    }
                }
                NativeMethods.mip_free(jobId);
                throw Failure(code, err, cancellationToken, key);
            });
        }

        /// <summary><see cref="CreateImport"/> on a thread-pool thread.</summary>
        /// <param name="request">What to import; copied before this returns.</param>
        /// <param name="cancellationToken">Ends the request promptly when cancelled.</param>
        /// <returns>The new job's id.</returns>
        /// <remarks>A create cancelled before its request was sent ends the task
        /// <see cref="TaskStatus.Canceled"/>. One cancelled after (the job may exist) ends it
        /// <see cref="TaskStatus.Faulted"/> with the <see cref="OperationCanceledException"/> that
        /// <see cref="CreateImport"/> throws, so that <c>Wait()</c> and <c>Result</c> (whose
        /// <see cref="AggregateException"/> holds it) give the key as <c>await</c> does: a Canceled task
        /// would make them throw a new <see cref="TaskCanceledException"/> without it.</remarks>
        /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
        /// <exception cref="OperationCanceledException">(In the task.) As for <see cref="CreateImport"/>.</exception>
        /// <exception cref="MipException">(In the task.) As for <see cref="CreateImport"/>.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public Task<string> CreateImportAsync(ImportRequest request, CancellationToken cancellationToken = default)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            ThrowIfDisposed();
            // Copied now, so the caller may change the request while the task runs.
            ImportRequest copy = request.Clone();
            // Not Task.Run(..., cancellationToken), which ends Canceled on any OperationCanceledException
            // for that token and so drops the one that names the Idempotency-Key.
            var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            Task.Run(() =>
            {
                try
                {
                    done.TrySetResult(CreateImport(copy, cancellationToken));
                }
                catch (OperationCanceledException e) when (!(e.InnerException is MipException { IdempotencyKey: not null }))
                {
                    done.TrySetCanceled(cancellationToken);   // nothing was sent (or the token was cancelled already)
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }
            });
            return done.Task;
        }

        /// <summary>The import jobs the server lists: id, collection, state, progress and reason of each
        /// (the rest "" or null, and no details), in the server's order. The cloud flavors' pages are
        /// all read, within the client's timeout for the whole list. A list that ended short of the
        /// server's count is returned all the same, with <see cref="ImportJobList.IsComplete"/> false.</summary>
        /// <param name="collectionName">Only this collection's jobs; <c>null</c> or "" for all the caller may see.</param>
        /// <param name="cancellationToken">Ends the request promptly when cancelled.</param>
        /// <returns>Managed copies, free of native resources, and whether they are the whole list.</returns>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="MipException">Transport or server error; <see cref="MipCode.ResponseTooLarge"/> for
        /// a list beyond <see cref="MipOptions.MaxResponseBytes"/>.</exception>
        /// <exception cref="ArgumentException"><paramref name="collectionName"/> contains a NUL character.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public ImportJobList ListImports(string? collectionName = null, CancellationToken cancellationToken = default)
        {
            byte[]? collection = Utf8.Encode(collectionName, nameof(collectionName));
            ThrowIfDisposed();
            return WithCancel(cancellationToken, cancel =>
            {
                int code = NativeMethods.mip_list_imports(handle, collection, cancel, out IntPtr list, out IntPtr err);
                using var owned = new JobListHandle(list);
                if (code != 0 || owned.IsInvalid) throw Failure(code, err, cancellationToken);
                if (err != IntPtr.Zero) NativeMethods.mip_error_free(err);
                // The jobs are borrowed from the list: copied out here, before `owned` frees it.
                int n = checked((int)NativeMethods.mip_job_list_count(owned));
                bool complete = NativeMethods.mip_job_list_is_complete(owned) != 0;
                var jobs = new ImportJob[n];
                for (int i = 0; i < n; i++)
                {
                    IntPtr j = NativeMethods.mip_job_list_get(owned, (nuint)i);
                    if (j == IntPtr.Zero)
                        throw new InvalidOperationException("mip_job_list_get returned NULL at " + i + " of " + n);
                    jobs[i] = ImportJob.FromNative(j);
                }
                return new ImportJobList(jobs, complete);
            });
        }

        /// <summary><see cref="ListImports"/> on a thread-pool thread.</summary>
        /// <param name="collectionName">Only this collection's jobs; <c>null</c> for all.</param>
        /// <param name="cancellationToken">Ends the request promptly when cancelled.</param>
        /// <returns>Managed copies of the listed jobs, and whether they are the whole list.</returns>
        /// <exception cref="ArgumentException"><paramref name="collectionName"/> contains a NUL character.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public Task<ImportJobList> ListImportsAsync(string? collectionName = null,
                                                    CancellationToken cancellationToken = default)
        {
            Utf8.Encode(collectionName, nameof(collectionName));
            ThrowIfDisposed();
            return Task.Run(() => ListImports(collectionName, cancellationToken), cancellationToken);
        }

        /// <summary>Commits a job created with <see cref="ImportRequest.AutoCommit"/> false once it is
        /// <see cref="ImportState.Uncommitted"/>: it goes on to Committing, then Completed.</summary>
        /// <param name="jobId">The job id.</param>
        /// <param name="cancellationToken">Ends the request promptly when cancelled (the job may have changed
        /// if it was sent).</param>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="MipException"><see cref="MipCode.Unsupported"/> from a server without two-phase
        /// import and from cloud v1 (nothing changed); <see cref="MipCode.NotFound"/>; the server's refusal of
        /// a commit outside Uncommitted (<see cref="MipCode.Server"/>); transport errors.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public void CommitImport(string jobId, CancellationToken cancellationToken = default)
        {
            EndImport(jobId, commit: true, cancellationToken);
        }

        /// <summary><see cref="CommitImport"/> on a thread-pool thread.</summary>
        /// <param name="jobId">The job id.</param>
        /// <param name="cancellationToken">Ends the request promptly when cancelled.</param>
        /// <returns>The task.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public Task CommitImportAsync(string jobId, CancellationToken cancellationToken = default)
        {
            EncodeJobId(jobId);
            ThrowIfDisposed();
            return Task.Run(() => EndImport(jobId, commit: true, cancellationToken), cancellationToken);
        }

        /// <summary>Aborts a job (in any state but Committing and Completed; again for one already aborted):
        /// it then reads as <see cref="ImportState.Failed"/>, with a reason saying so.</summary>
        /// <param name="jobId">The job id.</param>
        /// <param name="cancellationToken">Ends the request promptly when cancelled.</param>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        /// <exception cref="MipException">As for <see cref="CommitImport"/>.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public void AbortImport(string jobId, CancellationToken cancellationToken = default)
        {
            EndImport(jobId, commit: false, cancellationToken);
        }

        /// <summary><see cref="AbortImport"/> on a thread-pool thread.</summary>
        /// <param name="jobId">The job id.</param>
        /// <param name="cancellationToken">Ends the request promptly when cancelled.</param>
        /// <returns>The task.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
        public Task AbortImportAsync(string jobId, CancellationToken cancellationToken = default)
        {
            EncodeJobId(jobId);
            ThrowIfDisposed();
            return Task.Run(() => EndImport(jobId, commit: false, cancellationToken), cancellationToken);
        }

        private void EndImport(string jobId, bool commit, CancellationToken cancellationToken)
        {
            byte[] id = EncodeJobId(jobId);
            ThrowIfDisposed();
            WithCancel(cancellationToken, cancel =>
            {
                IntPtr err;
                int code = commit ? NativeMethods.mip_commit_import(handle, id, cancel, out err)
                                  : NativeMethods.mip_abort_import(handle, id, cancel, out err);
                if (code != 0) throw Failure(code, err, cancellationToken);
                if (err != IntPtr.Zero) NativeMethods.mip_error_free(err);
                return true;
            });
        }

        /// <summary>
        /// Runs <paramref name="call"/> with a libmip cancel token that <paramref name="cancellationToken"/>
        /// triggers (NULL when it cannot be cancelled); a token already cancelled throws before anything starts.
        /// </summary>
        private static T WithCancel<T>(CancellationToken cancellationToken, Func<CancelHandle, T> call)
        {
            if (!cancellationToken.CanBeCanceled) return call(CancelHandle.None);
            cancellationToken.ThrowIfCancellationRequested();
            using CancelHandle cancel = CancelHandle.Create();
            CancellationTokenRegistration registration = cancellationToken.Register(TriggerCancel, cancel);
            try
            {
                return call(cancel);
            }
            finally
            {
                // Waits for a trigger running on another thread; only then is the token freed.
                registration.Dispose();
            }
        }

        /// <summary>The exception for a failed call (takes <paramref name="err"/>): cancellation by the
        /// caller's token as <see cref="OperationCanceledException"/> (libmip's error inside), the rest as
        /// <see cref="MipException"/>. <paramref name="idempotencyKey"/>, a create's, is kept when the
        /// request was sent.</summary>
        private static Exception Failure(int code, IntPtr err, CancellationToken cancellationToken,
                                         string? idempotencyKey = null)
        {
            MipException e = MipException.FromNative(code == 0 ? (int)MipCode.NoMemory : code, err);
            if (e.Attempts > 0) e.IdempotencyKey = idempotencyKey;
            if (CancelledByCaller(e, cancellationToken)) return new OperationCanceledException(e.Message, e, cancellationToken);
            return e;
        }

        /// <summary>libmip's MIP_ERR_CANCELLED is the caller's cancellation (thrown as
        /// <see cref="OperationCanceledException"/>) only when the caller's token asked for it.</summary>
        private static bool CancelledByCaller(MipException e, CancellationToken cancellationToken)
        {
            return e.Code == MipCode.Cancelled && cancellationToken.IsCancellationRequested;
        }

        // ------------------------------------------------------------ helpers

        /// <summary>A new random Idempotency-Key in libmip's form: "mip-" and 32 hexadecimal digits (128 bits).</summary>
        private static string NewIdempotencyKey()
        {
            var bytes = new byte[16];
            using (var random = RandomNumberGenerator.Create())
                random.GetBytes(bytes);
            var key = new StringBuilder("mip-", 36);
            foreach (byte b in bytes) key.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return key.ToString();
        }

        private static byte[] EncodeJobId(string jobId)
        {
            if (jobId == null) throw new ArgumentNullException("jobId");
            return Utf8.Encode(jobId, "jobId");
        }

        private static long CheckInterval(TimeSpan pollInterval)
        {
            if (pollInterval <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException("pollInterval", "The poll interval must be positive.");
            return MipOptions.Milliseconds(pollInterval);
        }

        private static long CheckTimeout(TimeSpan timeout)
        {
            if (timeout == System.Threading.Timeout.InfiniteTimeSpan) return 0;
            if (timeout <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException("timeout", "The timeout must be positive or infinite.");
            return MipOptions.Milliseconds(timeout);
        }

        private void ThrowIfDisposed()
        {
            if (Volatile.Read(ref disposed) != 0 || handle.IsClosed)
                throw new ObjectDisposedException(GetType().FullName);
        }

        /// <summary>Turns a call's outcome into a job, or throws (freeing whatever came back).</summary>
        private static ImportJob TakeJob(int code, IntPtr job, IntPtr err, CancellationToken cancellationToken)
        {
            using (var owned = new JobHandle(job))
            {
                if (code == 0 && !owned.IsInvalid)
                {
                    if (err != IntPtr.Zero) NativeMethods.mip_error_free(err);
                    return ImportJob.FromNative(owned.DangerousGetHandle());
                }
            }
            throw Failure(code, err, cancellationToken);
        }
    }
}
