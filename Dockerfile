# syntax=docker/dockerfile:1
#
# Build:  docker build -t vnjp-crawler --build-arg VERSION=$(git describe --tags --always) .
# Token:  openssl rand -hex 32 > vnjp-token && chmod 600 vnjp-token && sudo chown 65532 vnjp-token
# Run:    docker run -d --name vnjp -p 127.0.0.1:8080:8080 -v vnjp-data:/data \
#           -v "$PWD/vnjp-token:/run/secrets/vnjp-token:ro" vnjp-crawler
#         (or a Docker/compose secret named vnjp-token)
# Config: the image carries the default config.yaml, rewritten to listen on
#         0.0.0.0:8080 (a container's loopback is unreachable from outside),
#         to keep the database in the /data volume and, since the port is
#         then reachable, to read the access token from
#         /run/secrets/vnjp-token: without that file `crawler run` refuses
#         to start. Browse http://127.0.0.1:8080/ and sign in with the token.
#         To use your own config, mount it over
#         /etc/vnjp-monitor/config.yaml with those three settings:
#           database: /data/crawler.db
#           http:
#             listen: 0.0.0.0:8080
#             token_file: /run/secrets/vnjp-token
# Other commands run against the same volume, e.g.
#         docker exec vnjp crawler --config /etc/vnjp-monitor/config.yaml sources

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
# go.mod replaces two modules with the stand-ins in third_party/.
COPY third_party ./third_party
RUN go mod download
COPY . .
ARG VERSION=dev
# timetzdata embeds the zone database, so the configured timezone works
# whatever the base image ships.
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata \
      -ldflags "-s -w -X github.com/vnjp-monitor/crawler.Version=${VERSION}" \
      -o /out/crawler ./cmd/crawler
# The container's configuration: the default one with the three settings a
# container needs. Fail the build if any line was not found.
RUN sed -e 's|^database: .*|database: /data/crawler.db|' \
        -e 's|^  listen: .*|  listen: 0.0.0.0:8080|' \
        -e 's|^  token_file: .*|  token_file: /run/secrets/vnjp-token|' \
        config.yaml > /out/config.yaml \
 && grep -q '^database: /data/crawler.db$' /out/config.yaml \
 && grep -q '^  listen: 0.0.0.0:8080$' /out/config.yaml \
 && grep -q '^  token_file: /run/secrets/vnjp-token$' /out/config.yaml \
 && mkdir -p /out/data

# distroless/static: CA certificates, /etc/passwd with nonroot (65532), no
# shell, no package manager.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/crawler /usr/local/bin/crawler
COPY --from=build /out/config.yaml /etc/vnjp-monitor/config.yaml
# Created owned by nonroot so a fresh named volume inherits that owner.
COPY --from=build --chown=65532:65532 /out/data /data
USER nonroot
WORKDIR /data
VOLUME /data
EXPOSE 8080
# docker stop sends SIGTERM and waits 10s by default; give the graceful stop
# more with `docker stop -t 30` or `stop_grace_period: 30s` in compose.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/crawler"]
CMD ["--config", "/etc/vnjp-monitor/config.yaml", "run"]
