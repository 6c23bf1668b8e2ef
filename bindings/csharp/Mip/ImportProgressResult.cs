// SPDX-License-Identifier: Apache-2.0
namespace Mip
{
    /// <summary>One job's outcome in <see cref="MipClient.GetImportProgressMany"/>: a job or an error.</summary>
    public sealed class ImportProgressResult
    {
        internal ImportProgressResult(string? jobId, ImportJob? job, MipException? error)
        {
            JobId = jobId;
            Job = job;
            Error = error;
        }

        /// <summary>The id as it was asked for (may be null).</summary>
        public string? JobId { get; private set; }

        /// <summary>The job; null when the call for this id failed.</summary>
        public ImportJob? Job { get; private set; }

        /// <summary>Why the call for this id failed; null when it succeeded.</summary>
        public MipException? Error { get; private set; }

        /// <summary>True when <see cref="Job"/> is set.</summary>
        public bool Succeeded
        {
            get { return Error == null; }
        }

        /// <summary>The job, or throws <see cref="Error"/>.</summary>
        /// <returns>The job.</returns>
        /// <exception cref="MipException">The call for this id failed.</exception>
        public ImportJob GetJobOrThrow()
        {
            if (Error != null) throw Error;
            return Job!;
        }

        /// <summary>The job's summary, or the error's code and message.</summary>
        /// <returns>A one-line summary.</returns>
        public override string ToString()
        {
            return Error != null ? JobId + ": " + Error.CodeName + ": " + Error.Message : Job!.ToString();
        }
    }
}
