// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections;
using System.Collections.Generic;

namespace Mip
{
    /// <summary>
    /// The import jobs a server listed (<see cref="MipClient.ListImports"/>), in the server's order:
    /// managed copies, free of native resources, safe to keep and to share between threads; and
    /// whether they are all the server said it has (<see cref="IsComplete"/>).
    /// </summary>
    public sealed class ImportJobList : IReadOnlyList<ImportJob>
    {
        private readonly ImportJob[] jobs;

        internal ImportJobList(ImportJob[] jobs, bool isComplete)
        {
            this.jobs = jobs;
            IsComplete = isComplete;
        }

        /// <summary>
        /// True when the list holds every job the server said it has (or the server gave no count and
        /// its pages ended); false when it ended short of that count: an empty page, or a server
        /// repeating a page instead of going on (<c>mip_job_list_is_complete</c>). Jobs that moved
        /// between pages while they were read can make a list short too: list again for the rest.
        /// </summary>
        public bool IsComplete { get; private set; }

        /// <summary>How many jobs were listed.</summary>
        public int Count
        {
            get { return jobs.Length; }
        }

        /// <summary>The job at <paramref name="index"/>.</summary>
        /// <param name="index">0 to <see cref="Count"/> - 1.</param>
        /// <returns>The job.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
        public ImportJob this[int index]
        {
            get
            {
                if ((uint)index >= (uint)jobs.Length) throw new ArgumentOutOfRangeException(nameof(index));
                return jobs[index];
            }
        }

        /// <summary>The jobs, in the server's order.</summary>
        /// <returns>An enumerator.</returns>
        public IEnumerator<ImportJob> GetEnumerator()
        {
            return ((IEnumerable<ImportJob>)jobs).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator()
        {
            return GetEnumerator();
        }

        /// <summary>e.g. "3 jobs" or "2 jobs (short of the server's count)".</summary>
        /// <returns>A one-line summary.</returns>
        public override string ToString()
        {
            return jobs.Length + (jobs.Length == 1 ? " job" : " jobs") + (IsComplete ? "" : " (short of the server's count)");
        }
    }
}
