using System.Net;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>GET an object, change it, PUT it back; a 409 starts over from a fresh GET, a bounded number of times.</summary>
internal static class ConflictRetry
{
    /// <param name="apply">Changes the object in place; returns false when nothing needed changing (no PUT is sent).</param>
    public static async Task<JObject> GetPutAsync(SoarConnection connection, string path, Func<JObject, bool> apply, int maxAttempts, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await connection.SendObjectAsync(SoarRequest.Get(path), cancellationToken).ConfigureAwait(false);
            if (!apply(current))
            {
                return current;
            }

            var put = SoarRequest.Put(path, current);
            var response = await connection.SendAsync(put, cancellationToken).ConfigureAwait(false);
            if (response.Status == HttpStatusCode.Conflict && attempt < maxAttempts)
            {
                continue;
            }

            if (response.Status == HttpStatusCode.Conflict)
            {
                throw new SoarHttpException("PUT", path, response.Status,
                    $"still conflicting after {attempt} GET/PUT rounds: {response.ServerMessage()}", attempt);
            }

            SoarConnection.EnsureSuccess(put, response);
            return response.Json("PUT " + path) as JObject ?? current;
        }
    }
}
