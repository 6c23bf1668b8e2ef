// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;

namespace Mip
{
    /// <summary>
    /// A snapshot of an import job's progress, copied out of libmip's job: a plain managed object
    /// with no native resources, safe to keep and to share between threads.
    /// </summary>
    /// <remarks>
    /// Strings are "" when the server sent none; numbers are <c>null</c> when the server did not
    /// report them (libmip's -1), e.g. <see cref="TotalRows"/> on Zilliz Cloud v1.
    /// </remarks>
    public sealed class ImportJob
    {
        private static readonly ReadOnlyCollection<ImportDetail> NoDetails =
            new ReadOnlyCollection<ImportDetail>(new ImportDetail[0]);

        private ImportJob() { }

        /// <summary>The job id as the server sent it; a numeric id keeps all its digits.</summary>
        public string JobId { get; private set; } = string.Empty;

        /// <summary>The collection the job imports into.</summary>
        public string CollectionName { get; private set; } = string.Empty;

        /// <summary>The file name (cloud flavors); "" on Milvus.</summary>
        public string FileName { get; private set; } = string.Empty;

        /// <summary>The job's state.</summary>
        public ImportState State { get; private set; }

        /// <summary>The server's own state text, e.g. "ImportRunning"; "" where the state is derived (cloud v1).</summary>
        public string StateText { get; private set; } = string.Empty;

        /// <summary>0..100 on every flavor; <c>null</c> when not reported.</summary>
        public int? Progress { get; private set; }

        /// <summary>Rows imported so far; <c>null</c> when not reported.</summary>
        public long? ImportedRows { get; private set; }

        /// <summary>Rows in all the job's files; <c>null</c> when not reported.</summary>
        public long? TotalRows { get; private set; }

        /// <summary>Bytes in all the job's files; <c>null</c> when not reported.</summary>
        public long? FileSize { get; private set; }

        /// <summary>When the job was created, RFC 3339 text as sent; "" when not sent. See <see cref="CreatedAt"/>.</summary>
        public string CreateTime { get; private set; } = string.Empty;

        /// <summary>When the job completed, RFC 3339 text as sent; "" until then. See <see cref="CompletedAt"/>.</summary>
        public string CompleteTime { get; private set; } = string.Empty;

        /// <summary>Why the job failed (the server's reason or errorMessage); "" otherwise.</summary>
        public string Reason { get; private set; } = string.Empty;

        /// <summary>Per-file progress, in the server's order.</summary>
        public IReadOnlyList<ImportDetail> Details { get; private set; } = NoDetails;

        /// <summary><see cref="CreateTime"/> parsed; <c>null</c> when empty or not a date.</summary>
        public DateTimeOffset? CreatedAt
        {
            get { return ParseTime(CreateTime); }
        }

        /// <summary><see cref="CompleteTime"/> parsed; <c>null</c> when empty or not a date.</summary>
        public DateTimeOffset? CompletedAt
        {
            get { return ParseTime(CompleteTime); }
        }

        /// <summary>True for the states a wait ends on (Completed, Failed and Uncommitted today), as libmip
        /// decides them (<c>mip_state_is_terminal</c>), asked with the state number libmip reported.</summary>
        public bool IsTerminal { get; private set; }

        /// <summary>e.g. "448761313698322999 Importing 45% (25063/150000 rows)".</summary>
        /// <returns>A one-line summary.</returns>
        public override string ToString()
        {
            return string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}% ({3}/{4} rows)", JobId, State,
                                 Progress.HasValue ? Progress.Value.ToString(CultureInfo.InvariantCulture) : "?",
                                 ImportedRows.HasValue ? ImportedRows.Value.ToString(CultureInfo.InvariantCulture) : "?",
                                 TotalRows.HasValue ? TotalRows.Value.ToString(CultureInfo.InvariantCulture) : "?");
        }

        /// <summary>Copies a job; <paramref name="j"/> is borrowed and must stay alive during the call.</summary>
        internal static ImportJob FromNative(IntPtr j)
        {
            int state = NativeMethods.mip_job_state(j);
            var job = new ImportJob
            {
                JobId = Utf8.FromNative(NativeMethods.mip_job_id(j)),
                CollectionName = Utf8.FromNative(NativeMethods.mip_job_collection_name(j)),
                FileName = Utf8.FromNative(NativeMethods.mip_job_file_name(j)),
                State = ToState(state),
                IsTerminal = NativeMethods.mip_state_is_terminal(state) != 0,
                StateText = Utf8.FromNative(NativeMethods.mip_job_state_text(j)),
                Progress = Reported(NativeMethods.mip_job_progress(j)),
                ImportedRows = Reported(NativeMethods.mip_job_imported_rows(j)),
                TotalRows = Reported(NativeMethods.mip_job_total_rows(j)),
                FileSize = Reported(NativeMethods.mip_job_file_size(j)),
                CreateTime = Utf8.FromNative(NativeMethods.mip_job_create_time(j)),
                CompleteTime = Utf8.FromNative(NativeMethods.mip_job_complete_time(j)),
                Reason = Utf8.FromNative(NativeMethods.mip_job_reason(j)),
            };
            job.Details = ReadDetails(j);
            return job;
        }

        /// <summary>How many details one <c>mip_job_details_read</c> call copies out (104 bytes each).</summary>
        internal const int DetailBatch = 512;

        /// <summary>
        /// Copies every detail of <paramref name="j"/> (borrowed, alive during the call) with
        /// <c>mip_job_details_read</c>, <see cref="DetailBatch"/> at a time into a pinned array:
        /// one P/Invoke call per batch instead of nine per detail; strings are decoded from pointer
        /// and length.
        /// </summary>
        internal static unsafe IReadOnlyList<ImportDetail> ReadDetails(IntPtr j)
        {
            nuint total = NativeMethods.mip_job_detail_count(j);
            if (total == 0) return NoDetails;
            var details = new ImportDetail[checked((int)total)];
            var strings = new RepeatedStrings();
            var batch = new DetailInfo[Math.Min(DetailBatch, details.Length)];
            fixed (DetailInfo* infos = batch)
            {
                int done = 0;
                while (done < details.Length)
                {
                    infos[0].Size = (nuint)sizeof(DetailInfo);
                    nuint n = NativeMethods.mip_job_details_read(j, (nuint)done, infos, (nuint)batch.Length);
                    if (n == 0 || n > (nuint)batch.Length)
                        throw new InvalidOperationException("mip_job_details_read returned " + n + " at detail " +
                                                            done + " of " + details.Length);
                    for (int i = 0; i < (int)n; i++)
                        details[done + i] = ImportDetail.FromInfo(ref infos[i], strings);
                    done += (int)n;
                }
            }
            return new ReadOnlyCollection<ImportDetail>(details);
        }

        internal static ImportState ToState(int state)
        {
            return state >= 0 && state <= (int)ImportState.Committing ? (ImportState)state : ImportState.Unknown;
        }

        internal static int? Reported(int value)
        {
            return value < 0 ? (int?)null : value;
        }

        internal static long? Reported(long value)
        {
            return value < 0 ? (long?)null : value;
        }

        private static DateTimeOffset? ParseTime(string? text)
        {
            DateTimeOffset t;
            if (string.IsNullOrEmpty(text)) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out t))
                return t;
            return null;
        }
    }

    /// <summary>One file (or file group) of an <see cref="ImportJob"/>: a plain managed copy.</summary>
    public sealed class ImportDetail
    {
        // Raw values, libmip's -1 for "not reported": 80 bytes a detail rather than 112 with
        // nullable fields (a job may have tens of thousands).
        private int state;
        private int progress = -1;
        private long importedRows = -1;
        private long totalRows = -1;
        private long fileSize = -1;

        private ImportDetail() { }

        /// <summary>As sent, e.g. Milvus's "[a.npy b.npy]" or the cloud's "a.npy,b.npy".</summary>
        public string FileName { get; private set; } = string.Empty;

        /// <summary>The file's state.</summary>
        public ImportState State
        {
            get { return (ImportState)state; }
            private set { state = (int)value; }
        }

        /// <summary>The server's own state text, e.g. "InProgress"; "" where derived.</summary>
        public string StateText { get; private set; } = string.Empty;

        /// <summary>0..100; <c>null</c> when not reported.</summary>
        public int? Progress
        {
            get { return progress < 0 ? null : progress; }
            private set { progress = value ?? -1; }
        }

        /// <summary>Rows imported so far; <c>null</c> when not reported.</summary>
        public long? ImportedRows
        {
            get { return importedRows < 0 ? null : importedRows; }
            private set { importedRows = value ?? -1; }
        }

        /// <summary>Rows in the file; <c>null</c> when not reported.</summary>
        public long? TotalRows
        {
            get { return totalRows < 0 ? null : totalRows; }
            private set { totalRows = value ?? -1; }
        }

        /// <summary>Bytes in the file; <c>null</c> when not reported.</summary>
        public long? FileSize
        {
            get { return fileSize < 0 ? null : fileSize; }
            private set { fileSize = value ?? -1; }
        }

        /// <summary>When the file's rows were in, RFC 3339 text as sent; "" until then.</summary>
        public string CompleteTime { get; private set; } = string.Empty;

        /// <summary>Why the file failed; "" otherwise.</summary>
        public string Reason { get; private set; } = string.Empty;

        /// <summary>e.g. "[a.npy b.npy] InProgress 25%".</summary>
        /// <returns>A one-line summary.</returns>
        public override string ToString()
        {
            return string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}%", FileName, State,
                                 Progress.HasValue ? Progress.Value.ToString(CultureInfo.InvariantCulture) : "?");
        }

        /// <summary>A detail from values read one accessor at a time (the benchmark's old way).</summary>
        internal static ImportDetail Create(string fileName, int state, string stateText, int progress, long importedRows,
                                            long totalRows, long fileSize, string completeTime, string reason)
        {
            return new ImportDetail
            {
                FileName = fileName,
                State = ImportJob.ToState(state),
                StateText = stateText,
                Progress = ImportJob.Reported(progress),
                ImportedRows = ImportJob.Reported(importedRows),
                TotalRows = ImportJob.Reported(totalRows),
                FileSize = ImportJob.Reported(fileSize),
                CompleteTime = completeTime,
                Reason = reason,
            };
        }

        internal static unsafe ImportDetail FromInfo(ref DetailInfo d, RepeatedStrings strings)
        {
            return new ImportDetail
            {
                FileName = Utf8.FromNative(d.FileName, d.FileNameLen),
                state = (int)ImportJob.ToState(d.State),
                StateText = strings.StateText.Get(d.StateText, d.StateTextLen),
                progress = d.Progress < 0 ? -1 : d.Progress,
                importedRows = d.ImportedRows < 0 ? -1 : d.ImportedRows,
                totalRows = d.TotalRows < 0 ? -1 : d.TotalRows,
                fileSize = d.FileSize < 0 ? -1 : d.FileSize,
                CompleteTime = strings.CompleteTime.Get(d.CompleteTime, d.CompleteTimeLen),
                Reason = strings.Reason.Get(d.Reason, d.ReasonLen),
            };
        }
    }

    /// <summary>
    /// The strings details of one job tend to share (state text, complete time, a failure reason),
    /// each column remembering its last value so thousands of details share one string object.
    /// </summary>
    internal sealed class RepeatedStrings
    {
        internal readonly Utf8.LastValue StateText = new Utf8.LastValue();
        internal readonly Utf8.LastValue CompleteTime = new Utf8.LastValue();
        internal readonly Utf8.LastValue Reason = new Utf8.LastValue();
    }
}
