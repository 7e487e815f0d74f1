# syntax=docker/dockerfile:1
# sanctionwatch in a container: a static binary on distroless, running as
# a non-root user, with its state on the /data volume.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) \
#     --build-arg COMMIT=$(git rev-parse HEAD) -t sanctionwatch .
#   docker run -d --name sanctionwatch -v sanctionwatch:/data \
#     -e DISCORD_WEBHOOK_URL sanctionwatch

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so editing code does not invalidate the download layer.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
ARG COMMIT=unknown
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.version=${VERSION} -X main.commit=${COMMIT}" \
      -o /out/sanctionwatch ./cmd/sanctionwatch
# The default config, with the state on the volume and the metrics endpoint
# reachable from outside the container.
RUN mkdir -p /out/etc /out/data && sed \
      -e 's|^state_file: .*|state_file: /data/sanctionwatch.db|' \
      -e 's|^  listen: 127.0.0.1:9464|  listen: ":9464"|' \
      config.yaml > /out/etc/config.yaml \
 && grep -q '^state_file: /data/' /out/etc/config.yaml \
 && grep -q '^  listen: ":9464"' /out/etc/config.yaml

# distroless/static carries CA certificates and tzdata, and no shell.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/sanctionwatch /sanctionwatch
COPY --from=build /out/etc/config.yaml /etc/sanctionwatch/config.yaml
# The image's /data must belong to the user that writes the state file: a
# new named volume copies this ownership, and a root-owned one would not
# be writable.
COPY --from=build --chown=nonroot:nonroot /out/data /data
USER nonroot:nonroot
WORKDIR /data
VOLUME /data
EXPOSE 9464
ENTRYPOINT ["/sanctionwatch"]
CMD ["run", "--config", "/etc/sanctionwatch/config.yaml"]
