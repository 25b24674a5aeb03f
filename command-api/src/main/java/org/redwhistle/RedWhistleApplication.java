package org.redwhistle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Red Whistle (小红哨指挥中心): command-api with ingest and geo-engine in one process. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RedWhistleApplication {

    public static void main(String[] args) {
        SpringApplication.run(RedWhistleApplication.class, args);
    }
}
