// eng/corpus: compiled into a TEST project by Traced.props when -p:CorpusRecordingListener=true.
// Samples every ActivitySource with AllDataAndRecorded (the most work the generated code can be asked to do), and,
// when CORPUS_SPAN_LOG is set, writes at process exit how many spans were started/stopped per name.
using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Instrumentation.Corpus
{
    internal static class RecordingListener
    {
        private static readonly ConcurrentDictionary<string, int> s_names = new ConcurrentDictionary<string, int>();
        private static int s_started;
        private static int s_stopped;
        private static int s_errors;
        private static ActivityListener? s_listener;

#pragma warning disable CA2255 // a module initializer in a test assembly is the point
        [ModuleInitializer]
#pragma warning restore CA2255
        internal static void Start()
        {
            s_listener = new ActivityListener
            {
                ShouldListenTo = _ => true,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                SampleUsingParentId = (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStarted = a =>
                {
                    Interlocked.Increment(ref s_started);
                    s_names.AddOrUpdate(a.Source.Name + " / " + a.DisplayName, 1, (_, n) => n + 1);
                },
                ActivityStopped = a =>
                {
                    Interlocked.Increment(ref s_stopped);
                    if (a.Status == ActivityStatusCode.Error)
                    {
                        Interlocked.Increment(ref s_errors);
                    }
                },
            };
            ActivitySource.AddActivityListener(s_listener);

            var log = Environment.GetEnvironmentVariable("CORPUS_SPAN_LOG");
            if (!string.IsNullOrEmpty(log))
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => File.WriteAllLines(log,
                    new[] { $"started {s_started} stopped {s_stopped} error-status {s_errors} distinct-names {s_names.Count}" }
                        .Concat(s_names.OrderByDescending(p => p.Value).Select(p => $"{p.Value,8} {p.Key}")));
            }
        }
    }
}
